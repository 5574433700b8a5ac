import { Construct } from 'constructs';
import { RenderedTorchServe, renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { WithPeerSelectors } from './peers';
import { ServingConstruct } from './serving-construct';

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
export class TorchServePredictor extends ServingConstruct<TorchServePredictorProps, RenderedTorchServe> {
  /** The URL and each model's predictions path. */
  public readonly endpoints: TorchServeEndpoints;

  constructor(scope: Construct, id: string, constructProps: TorchServePredictorConstructProps) {
    super(scope, id, constructProps, renderTorchServePredictor);
    this.endpoints = this.rendered.endpoints;
  }
}
