import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { RenderedTorchServe, renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { PeerSelectorProps } from './peers';
import { IServingConstruct, renderServingConstruct } from './serving-construct';

/** Props of the cdk8s `TorchServePredictor`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export interface TorchServePredictorConstructProps extends Omit<TorchServePredictorProps, 'allowFrom'>, PeerSelectorProps {}

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
export class TorchServePredictor extends Construct implements IServingConstruct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** The URL and each model's predictions path. */
  public readonly endpoints: TorchServeEndpoints;

  constructor(scope: Construct, id: string, props: TorchServePredictorConstructProps) {
    super(scope, id);
    const r = renderServingConstruct<TorchServePredictorProps, RenderedTorchServe>(this, props, renderTorchServePredictor);
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.objects = r.objects;
    this.apiObjects = r.apiObjects;
    this.endpoints = r.endpoints;
  }
}
