import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { renderVllmPredictor, VllmPredictorProps } from '../core/vllm-predictor';
import { WithPeerSelectors, withPlainPeers } from './peers';
import { addObjects, servingContext } from './render';

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
export class VllmPredictor extends Construct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the OpenAI-compatible API (`/openai/v1` on KServe's runtime, `/v1` on upstream vLLM). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** @internal the props, for the parity test. */
  public readonly _props: VllmPredictorProps;

  constructor(scope: Construct, id: string, constructProps: VllmPredictorConstructProps) {
    super(scope, id);
    const props = withPlainPeers<VllmPredictorProps>(this.node.path, constructProps);
    const r = renderVllmPredictor(props, servingContext(this));
    this._props = props;
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
