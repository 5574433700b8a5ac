import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { RenderedServing } from '../core/serving';
import { renderVllmPredictor, VllmPredictorProps } from '../core/vllm-predictor';
import { PeerSelectorProps } from './peers';
import { IServingConstruct, renderServingConstruct } from './serving-construct';

/** Props of the cdk8s `VllmPredictor`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export interface VllmPredictorConstructProps extends Omit<VllmPredictorProps, 'allowFrom'>, PeerSelectorProps {}

export type { VllmPredictorProps };

/**
 * Define a model served by vLLM: a KServe InferenceService (default), a Knative InferenceService, or
 * a plain Deployment and Service, with a hardened pod, default-deny networking and pinned weights.
 *
 * @example
 * new VllmPredictor(chart, 'falcon-7b', {
 *   model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '<40-hex commit>', trustRemoteCode: true }),
 *   gpus: 1,
 * });
 */
export class VllmPredictor extends Construct implements IServingConstruct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  constructor(scope: Construct, id: string, props: VllmPredictorConstructProps) {
    super(scope, id);
    const r = renderServingConstruct<VllmPredictorProps, RenderedServing>(this, props, renderVllmPredictor);
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.objects = r.objects;
    this.apiObjects = r.apiObjects;
  }
}
