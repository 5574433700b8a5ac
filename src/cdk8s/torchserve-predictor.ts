import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { WithPeerSelectors, withPlainPeers } from './peers';
import { addObjects, servingContext } from './render';

/** Props of the cdk8s construct: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export type TorchServePredictorConstructProps = WithPeerSelectors<TorchServePredictorProps>;

export type { TorchServeEndpoints, TorchServePredictorProps };

/**
 * Define TorchServe models served from a read-only model store, with the model API off ("load once,
 * serve forever"), token authorization on, and the management and metrics ports outside every
 * Service. TorchServe is in limited maintenance upstream (no further security patches).
 *
 * @example
 * new TorchServePredictor(chart, 'resnet', {
 *   storageUri: 'pvc://model-store/resnet',
 *   models: ['resnet-18.mar'],
 * });
 */
export class TorchServePredictor extends Construct {
  /** In-cluster URL of the inference service root. */
  public readonly url: string;
  /** Base path of TorchServe's inference API (`/predictions`). */
  public readonly apiBasePath: string;
  /** The URL and each model's predictions path. */
  public readonly endpoints: TorchServeEndpoints;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** @internal the props, for the parity test. */
  public readonly _props: TorchServePredictorProps;

  constructor(scope: Construct, id: string, constructProps: TorchServePredictorConstructProps) {
    super(scope, id);
    const props = withPlainPeers<TorchServePredictorProps>(this.node.path, constructProps);
    const r = renderTorchServePredictor(props, servingContext(this));
    this._props = props;
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.endpoints = r.endpoints;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
