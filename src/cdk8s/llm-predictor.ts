import { Construct } from 'constructs';
import { LlmPredictorProps, renderLlmPredictor } from '../core/llm-predictor';
import { RenderedServing } from '../core/serving';
import { WithPeerSelectors } from './peers';
import { ServingConstruct } from './serving-construct';

/** Props of the cdk8s `LlmPredictor`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export type LlmPredictorConstructProps = WithPeerSelectors<LlmPredictorProps>;

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
export class LlmPredictor extends ServingConstruct<LlmPredictorProps, RenderedServing> {
  constructor(scope: Construct, id: string, constructProps: LlmPredictorConstructProps) {
    super(scope, id, constructProps, renderLlmPredictor);
  }
}
