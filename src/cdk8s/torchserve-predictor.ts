import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { addObjects, servingContext } from './render';

export { TorchServeEndpoints, TorchServePredictorProps };

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

  constructor(scope: Construct, id: string, props: TorchServePredictorProps) {
    super(scope, id);
    const r = renderTorchServePredictor(props, servingContext(this));
    this._props = props;
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.endpoints = r.endpoints;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
