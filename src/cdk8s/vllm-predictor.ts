import { Construct } from 'constructs';
import { RenderedServing } from '../core/serving';
import { renderVllmPredictor, VllmPredictorProps } from '../core/vllm-predictor';
import { WithPeerSelectors } from './peers';
import { ServingConstruct } from './serving-construct';

/** Props of the cdk8s `VllmPredictor`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export type VllmPredictorConstructProps = WithPeerSelectors<VllmPredictorProps>;

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
export class VllmPredictor extends ServingConstruct<VllmPredictorProps, RenderedServing> {
  constructor(scope: Construct, id: string, constructProps: VllmPredictorConstructProps) {
    super(scope, id, constructProps, renderVllmPredictor);
  }
}
