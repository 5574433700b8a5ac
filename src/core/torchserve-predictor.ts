import { TORCHSERVE, TORCHSERVE_MANAGEMENT_PORT, TORCHSERVE_MODULE } from './engines/torchserve';
import { ValidationError } from './errors';
import { ModelControl } from './model-control';
import { claimDelivery, parseClaimUri, validateStoreDigests } from './model-store';
import { NetworkPeer, validatePeers } from './network';
import { RenderedServing, renderServing, ServingContext, ServingFamily } from './serving';
import { ServingProps } from './serving-props';

/**
 * Props of `TorchServePredictor`: the shared serving props except the Hugging Face ones (`model`,
 * `hfToken`, `cache`, `offline`) and `apiKey` (TorchServe issues its own tokens), plus the model store.
 */
export interface TorchServePredictorProps extends Omit<ServingProps, 'model' | 'hfToken' | 'apiKey' | 'cache' | 'offline'> {
  /** The model store: `pvc://<claim>/<directory>` holding the `.mar` archives, mounted read-only. */
  readonly storageUri: string;
  /** Model archives in the store to register at start, e.g. `['resnet-18.mar']` (served as `resnet-18`). */
  readonly models: readonly string[];
  /**
   * SHA-256 digests of files in the store (`{ 'resnet-18.mar': '<64 hex>' }`), checked by an init
   * container (`sha256sum -c`) before the server starts.
   * @default - no integrity check
   */
  readonly sha256?: Readonly<Record<string, string>>;
  /**
   * Whether the model-management API may register and delete models at run time.
   * @default ModelControl.NONE - models load at start; the model API is off
   */
  readonly modelControl?: ModelControl;
  /**
   * With `ModelControl.EXPLICIT`: the peers that may reach the management port (8081). Required
   * then; refused otherwise. The port is never part of the Service.
   * @default - none
   */
  readonly managementAllowFrom?: readonly NetworkPeer[];
}

const MAR = /^[A-Za-z0-9][A-Za-z0-9._-]{0,126}\.mar$/;
/** Environment that would override the rendered configuration. */
const CONFIG_ENV = [
  ...TORCHSERVE_MODULE.signature.configEnv ?? [],
  ...TORCHSERVE_MODULE.signature.tokenAuth?.disableEnv ?? [],
  ...TORCHSERVE_MODULE.signature.modelApi?.enableEnv ?? [],
];

/**
 * TorchServePredictor as data. The same TorchServe container in every mode: in the KServe modes it
 * is a custom predictor container, because KServe's TorchServe runtime (`modelFormat: pytorch`) puts
 * a wrapper in front that sends no token (and KServe's own samples turn token authorization off).
 */
export const TORCHSERVE_PREDICTOR: ServingFamily<TorchServePredictorProps> = {
  construct: 'TorchServePredictor',
  component: 'predictor',
  minGpus: 0,
  defaultGpus: 0,
  defaultResources: { cpu: '2', memory: '4Gi' },
  engineFor: () => TORCHSERVE,
  tuning: (p, path) => {
    if (!Array.isArray(p.models) || p.models.length === 0) {
      throw new ValidationError(path, 'models', p.models, 'lists no model archive',
        'name the archives to register at start, e.g. models: [\'resnet-18.mar\']');
    }
    p.models.forEach((m, i) => {
      if (typeof m !== 'string' || !MAR.test(m)) {
        throw new ValidationError(path, `models[${i}]`, m, 'is not a model archive file name',
          'give a file name in the model store ending in ".mar" (letters, digits, ".", "_", "-"), e.g. "resnet-18.mar"');
      }
      if (p.models.indexOf(m) !== i) {
        throw new ValidationError(path, `models[${i}]`, m, 'is listed twice', 'list each archive once');
      }
    });
    const control = p.modelControl ?? ModelControl.NONE;
    if (!Object.values(ModelControl).includes(control)) {
      throw new ValidationError(path, 'modelControl', control, 'is not a ModelControl', 'use ModelControl.NONE or ModelControl.EXPLICIT');
    }
    validatePeers(path, p.managementAllowFrom, 'managementAllowFrom');
    const admins = p.managementAllowFrom ?? [];
    if (control === ModelControl.EXPLICIT && admins.length === 0) {
      throw new ValidationError(path, 'managementAllowFrom', p.managementAllowFrom, 'names no admin peers, but modelControl is EXPLICIT',
        'list the pods that may manage models, e.g. managementAllowFrom: [{ namespace: \'ml-admin\', podLabels: { app: \'model-admin\' } }]');
    }
    if (control === ModelControl.NONE && admins.length > 0) {
      throw new ValidationError(path, 'managementAllowFrom', admins, 'has no effect: the model API is off',
        'remove it, or set modelControl: ModelControl.EXPLICIT');
    }
    admins.forEach((peer, i) => {
      if (!peer.namespace && (!peer.podLabels || Object.keys(peer.podLabels).length === 0)) {
        throw new ValidationError(path, `managementAllowFrom[${i}]`, peer, 'would admit every pod of the namespace to the management API',
          'name a namespace and/or podLabels of the admin pods');
      }
    });
    for (const name of CONFIG_ENV) {
      if (p.env && name in p.env) {
        throw new ValidationError(path, `env.${name}`, p.env[name], 'would override the rendered TorchServe configuration',
          'remove it; use modelControl for the model API');
      }
    }
    if (p.resources?.modelStorage !== undefined) {
      throw new ValidationError(path, 'resources.modelStorage', p.resources.modelStorage,
        'has no effect: nothing downloads, the model store is the claim',
        'remove it; size the claim behind storageUri instead');
    }
    return { models: p.models, modelApi: control === ModelControl.EXPLICIT };
  },
  weights: (p, w) => {
    const location = parseClaimUri(w.path, 'storageUri', p.storageUri);
    const sha256 = p.sha256 ?? {};
    validateStoreDigests(w.path, 'sha256', sha256);
    return claimDelivery({ location, sha256, security: w.security });
  },
  sideIngress: p => ((p.modelControl ?? ModelControl.NONE) === ModelControl.EXPLICIT
    ? [{ port: TORCHSERVE_MANAGEMENT_PORT, from: p.managementAllowFrom ?? [] }]
    : []),
};

/** Where TorchServe's inference API answers. */
export interface TorchServeEndpoints {
  /** In-cluster URL of the service root (inference port only). */
  readonly url: string;
  /** `POST` path of each model's predictions, by model name (needs the inference token from `key_file.json`). */
  readonly predictions: Readonly<Record<string, string>>;
}

/** A rendered TorchServePredictor with its endpoints. */
export interface RenderedTorchServe extends RenderedServing {
  readonly endpoints: TorchServeEndpoints;
}

/** Render a TorchServePredictor. */
export function renderTorchServePredictor(props: TorchServePredictorProps, ctx: ServingContext): RenderedTorchServe {
  const r = renderServing(TORCHSERVE_PREDICTOR, props, ctx);
  const predictions = Object.fromEntries(props.models.map(m => {
    const name = m.replace(/\.mar$/, '');
    return [name, `${r.apiBasePath}/${name}`];
  }));
  return { ...r, endpoints: { url: r.url, predictions } };
}
