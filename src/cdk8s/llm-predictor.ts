import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { LlmPredictorProps, renderLlmPredictor } from '../core/llm-predictor';
import { RenderedServing } from '../core/serving';
import { PeerSelectorProps } from './peers';
import { IServingConstruct, renderServingConstruct } from './serving-construct';

/** Props of the cdk8s `LlmPredictor`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export interface LlmPredictorConstructProps extends Omit<LlmPredictorProps, 'allowFrom'>, PeerSelectorProps {}

export type { LlmPredictorProps };

/**
 * Define an LLM served by the engine of your choice (`LlmEngine.VLLM` or `LlmEngine.SGLANG`): a KServe
 * InferenceService (default), a Knative InferenceService, or a plain Deployment and Service, with a
 * hardened pod, default-deny networking and pinned weights.
 *
 * @example
 * new LlmPredictor(chart, 'qwen', {
 *   engine: LlmEngine.SGLANG,
 *   model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: '<40-hex commit>' }),
 *   gpus: 1,
 * });
 */
export class LlmPredictor extends Construct implements IServingConstruct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  constructor(scope: Construct, id: string, props: LlmPredictorConstructProps) {
    super(scope, id);
    const r = renderServingConstruct<LlmPredictorProps, RenderedServing>(this, props, renderLlmPredictor);
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.objects = r.objects;
    this.apiObjects = r.apiObjects;
  }
}
