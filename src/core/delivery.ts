import { IModelCache } from './cache';
import { downloadContainer, downloadVolumes } from './download';
import { DownloadProxyOptions } from './download-proxy';
import { ValidationError } from './errors';
import { Container, KubeObject, Volume, VolumeMount } from './kube';
import { LORA_ADAPTER_STORAGE, LoraAdapter } from './lora-adapters';
import { HuggingFaceModel, ModelSource } from './model';
import { hardenedContainer, PodSecurityOptions } from './pod-security';
import { parseQuantity } from './quantity';
import { SecretRef } from './secret-ref';
import { STORAGE_INITIALIZER_IMAGE } from './kserve-release';
import { renderModelCache } from './model-cache';
import { sourceDelivery } from './model-source-delivery';
import { MODEL_DIR } from './paths';

export { MODEL_DIR } from './paths';

/** How the weights reach the serving container. */
export enum DeliveryKind {
  /** KServe's storage initializer downloads `hf://owner/name:<commit>` (token from the ServiceAccount's secrets). */
  KSERVE_STORAGE_INITIALIZER = 'kserve-storage-initializer',
  /** The library's own hardened download init container fills an emptyDir. */
  DOWNLOAD_INIT_CONTAINER = 'download-init-container',
  /**
   * A filled `ModelCache` claim (given, or made for the model) is mounted read-only, by the pod spec
   * or (KSERVE_SERVERLESS) by KServe from `storageUri: pvc://`; nothing downloads in the pod.
   */
  CACHE = 'cache',
  /** A user's PersistentVolumeClaim (`pvc://claim/path`, e.g. a TorchServe model store) is mounted read-only. */
  PERSISTENT_VOLUME_CLAIM = 'persistent-volume-claim',
  /** KServe's modelcar: `storageUri: oci://<image>@sha256:…`, the image's files shared with the server. */
  KSERVE_MODELCAR = 'kserve-modelcar',
  /** A Kubernetes image volume holding the files, mounted read-only. */
  IMAGE_VOLUME = 'image-volume',
}

/** The delivery decision and the pod parts it adds. */
export interface Delivery {
  readonly kind: DeliveryKind;
  /** `storageUri` of the InferenceService model, when KServe downloads. */
  readonly storageUri?: string;
  /** Secrets to list on the ServiceAccount for KServe's credential builder. */
  readonly serviceAccountSecrets: string[];
  readonly initContainers: Container[];
  readonly volumes: Volume[];
  /** Read-only mount(s) of the weights in the serving container. */
  readonly serverMounts: VolumeMount[];
  /** Whether something in the pod downloads from the Hub (needs HTTPS egress). */
  readonly downloadsInPod: boolean;
  /** emptyDir size the pod must budget as ephemeral storage. */
  readonly ephemeralBytesHint?: string;
  /** Objects the delivery adds beside the workload (the ModelCache made for the model). */
  readonly objects: readonly KubeObject[];
  /** Access modes of the cache claim the pods mount, when the weights come from a cache. */
  readonly cacheAccessModes?: readonly string[];
  /** Name of the ModelCache made for the model, when there is one. */
  readonly autoCache?: string;
  /** The ModelCache made for the model reads an object store (the model or an adapter), so its Job needs the construct's cloud identity. */
  readonly autoCacheReadsObjectStore?: boolean;
}

/** Inputs of {@link planDelivery}. */
export interface DeliveryInputs {
  /** Construct path, for messages. */
  readonly path: string;
  /** Name of the serving objects; the automatic cache is named `<name>-model`. */
  readonly name: string;
  readonly namespace: string;
  readonly model: HuggingFaceModel;
  readonly kserve: boolean;
  /** KSERVE_SERVERLESS: the pod spec is a Knative revision's. */
  readonly serverless: boolean;
  /** True when the engine runs as a KServe runtime (not a custom container). */
  readonly kserveRuntime: boolean;
  readonly hfToken?: SecretRef;
  readonly cache?: IModelCache;
  /** Size of the automatic cache's claim, or of the emptyDir the in-pod download fills. */
  readonly modelStorage: string;
  readonly security?: PodSecurityOptions;
  /** The opt-in props (see {@link DeliveryOptions}). */
  readonly options: DeliveryOptions;
  /** Something else downloads in the serving pod (LoRA adapters), so the opt-in has a use with a cache too. */
  readonly otherPodDownloads?: boolean;
  /**
   * LoRA adapters (validated) the cache must hold next to the model: the ModelCache made for the
   * model downloads them; a given `cache` must list them in its `loraAdapters`.
   */
  readonly loraAdapters?: readonly LoraAdapter[];
  /** The corporate proxy the download step goes through. */
  readonly downloadProxy?: DownloadProxyOptions;
}

/** The props that turn the download inside the serving pod back on. */
export interface DeliveryOptions {
  /**
   * Download the weights inside the serving pod (KServe's storage initializer, or the library's
   * download init container) instead of from a cache filled by a separate Job. The serving pod then
   * keeps HTTPS egress to the internet for its whole life (a NetworkPolicy cannot tell an init
   * container from the server), and every restart downloads again; `checkManifests` reports it
   * (K38, a warning). Use it only where no cache fits (e.g. several nodes and no ReadWriteMany
   * storage, and no OCI image of the model).
   * @default false - the weights come from a ModelCache (made for the model when `cache` is not given), a claim or an image
   */
  readonly allowServingPodEgressForDownload?: boolean;
  /**
   * Acknowledge that a model with `trustRemoteCode` runs its repository's code in a pod that can
   * reach the internet: required, besides `allowServingPodEgressForDownload`, for that combination.
   * @default false
   */
  readonly allowRemoteCodeWithServingPodEgress?: boolean;
}

/** Every delivery default, in one place. */
export const DELIVERY_DEFAULTS = {
  /** Weights never download inside the serving pod. */
  allowServingPodEgressForDownload: false,
  /** Remote code never runs in a pod with internet egress. */
  allowRemoteCodeWithServingPodEgress: false,
  /** Suffix of the ModelCache made for a model served without `cache`: `<name>-model`. */
  autoCacheSuffix: '-model',
} as const;

/** Access modes that let pods on several nodes mount one claim. */
const MULTI_NODE_ACCESS = ['ReadWriteMany', 'ReadOnlyMany'];

/**
 * Choose how the weights arrive, as a table:
 *
 * | situation                                                    | delivery                                  |
 * |--------------------------------------------------------------|-------------------------------------------|
 * | a `cache` is given                                           | CACHE                                     |
 * | a `pvc://` storage URI or an OCI image                       | see `sourceDelivery`                      |
 * | a Hub, `s3://` or `gs://` model, no opt-in                   | CACHE of a ModelCache made for the model  |
 * | opt-in; KServe runtime, token absent or under key `HF_TOKEN`, no sha256 map, no hubEndpoint, no downloadProxy | KSERVE_STORAGE_INITIALIZER |
 * | opt-in, anything else                                        | DOWNLOAD_INIT_CONTAINER                   |
 *
 * A CACHE is mounted by the pod spec (read-only, a marker check first) in KSERVE and DEPLOYMENT; in
 * KSERVE_SERVERLESS it is handed to KServe as `storageUri: pvc://<claim>/<path>` instead, which
 * KServe's pod webhook mounts at admission, after Knative's field mask (so Knative's PVC and
 * init-container features are not needed; see {@link kservePvcUri}).
 *
 * KServe's credential builder only reads a Secret key named `HF_TOKEN` and cannot verify digests
 * or take a per-model allow-list; its injected container gets no `HF_ENDPOINT` either, so a mirror
 * would be bypassed. Nor can an InferenceService give that container a proxy: its env and CA bundle come
 * from the cluster's `ClusterStorageContainer` and `inferenceservice-config` (kserve/kserve v0.20.0
 * `pkg/webhook/admission/pod/storage_initializer_injector.go`). Those cases use the library's own download step.
 */
export function planDelivery(i: DeliveryInputs): Delivery {
  validateDeliveryOptions(i);
  if (i.cache) {
    requireCachedAdapters(i.path, i.cache, i.loraAdapters);
    return cacheDelivery(i.cache, i);
  }
  const fromSource = sourceDelivery(i);
  if (fromSource) {
    if (i.loraAdapters) {
      throw new ValidationError(i.path, 'loraAdapters', i.loraAdapters.map(a => a.name),
        `have no cache to come from: model ${i.model.storageUri} is not downloaded into a ModelCache (${fromSource.kind})`,
        'serve a Hub, s3:// or gs:// model (the ModelCache made for it downloads the adapters too), merge the adapters into the model, '
        + 'or set allowServingPodEgressForDownload: true to download them in the serving pod (which keeps internet egress)');
    }
    return fromSource;
  }
  if (!(i.options.allowServingPodEgressForDownload ?? DELIVERY_DEFAULTS.allowServingPodEgressForDownload)) return autoCacheDelivery(i);
  const kserveCanDownload = i.kserve && i.kserveRuntime
    && (i.hfToken === undefined || i.hfToken.key === 'HF_TOKEN')
    && Object.keys(i.model.sha256).length === 0
    && i.model.hubEndpoint === undefined
    && i.downloadProxy === undefined;
  if (kserveCanDownload) {
    return {
      kind: DeliveryKind.KSERVE_STORAGE_INITIALIZER,
      storageUri: i.model.storageUri,
      serviceAccountSecrets: i.hfToken ? [i.hfToken.name] : [],
      initContainers: [],
      volumes: [],
      serverMounts: [],
      downloadsInPod: true,
      ephemeralBytesHint: i.modelStorage,
      objects: [],
    };
  }
  return {
    kind: DeliveryKind.DOWNLOAD_INIT_CONTAINER,
    serviceAccountSecrets: [],
    initContainers: [downloadContainer({
      model: i.model, dest: MODEL_DIR, volumeName: 'model', hfToken: i.hfToken, security: i.security, proxy: i.downloadProxy,
    })],
    volumes: [
      { name: 'model', emptyDir: { sizeLimit: i.modelStorage } },
      ...downloadVolumes(i.downloadProxy),
    ],
    serverMounts: [{ name: 'model', mountPath: MODEL_DIR, readOnly: true }],
    downloadsInPod: true,
    ephemeralBytesHint: i.modelStorage,
    objects: [],
  };
}

/** The opt-in props: booleans; remote code with in-pod download needs the second acknowledgement; nothing to opt into with a cache. */
function validateDeliveryOptions(i: DeliveryInputs): void {
  const o = i.options;
  for (const field of ['allowServingPodEgressForDownload', 'allowRemoteCodeWithServingPodEgress'] as const) {
    if (o[field] !== undefined && typeof o[field] !== 'boolean') {
      throw new ValidationError(i.path, field, o[field], 'is not a boolean', `give true or false, or leave ${field} out`);
    }
  }
  if (o.allowRemoteCodeWithServingPodEgress && !o.allowServingPodEgressForDownload) {
    throw new ValidationError(i.path, 'allowRemoteCodeWithServingPodEgress', true, 'acknowledges something that is not asked for',
      'drop it, or set allowServingPodEgressForDownload: true as well');
  }
  if (!o.allowServingPodEgressForDownload) return;
  if (i.cache && !i.otherPodDownloads) {
    throw new ValidationError(i.path, 'allowServingPodEgressForDownload', true, 'has nothing to download: the weights come from cache',
      'drop allowServingPodEgressForDownload, or drop cache');
  }
  if (i.model.trustRemoteCode && !(o.allowRemoteCodeWithServingPodEgress ?? DELIVERY_DEFAULTS.allowRemoteCodeWithServingPodEgress)) {
    throw new ValidationError(i.path, 'allowServingPodEgressForDownload', true,
      "with model trustRemoteCode runs the repository's code in a pod that can reach the internet",
      'serve from a ModelCache (drop allowServingPodEgressForDownload), or also set allowRemoteCodeWithServingPodEgress: true to accept it');
  }
}

/**
 * A given `cache` serves only the adapters it downloaded (`ModelCacheProps.loraAdapters`): the same
 * files at the same pin, under any served name.
 */
function requireCachedAdapters(path: string, cache: IModelCache, adapters: readonly LoraAdapter[] | undefined): void {
  (adapters ?? []).forEach((a, n) => {
    if ((cache.loraAdapters ?? []).some(c => c.model.sameAs(a.model))) return;
    const value = a.model.source === ModelSource.HUB ? `${a.model.id}@${a.model.revision}` : a.model.storageUri;
    throw new ValidationError(path, `loraAdapters[${n}].model`, value,
      `is not in cache ${cache.claimName} (a ModelCache holds only the adapters listed in its loraAdapters)`,
      `add { name: "${a.name}", model } to the ModelCache's loraAdapters, or drop cache (the ModelCache made for the model then `
      + 'downloads the adapters), or set allowServingPodEgressForDownload: true and offline: false to download it in the serving pod');
  });
}

/** True when the weights come from a cache claim that pods of one node only can mount. */
export function singleNodeCache(delivery: Delivery): boolean {
  const modes = delivery.cacheAccessModes;
  return modes !== undefined && !modes.some(m => MULTI_NODE_ACCESS.includes(m));
}

/**
 * Refuse a claim only one node can mount when several replicas may run: the library cannot know
 * whether they land on one node, so it lists the choices instead of guessing.
 */
export function requireSharableWeights(path: string, field: string, delivery: Delivery, maxReplicas: number): void {
  const modes = delivery.cacheAccessModes;
  if (!modes || maxReplicas <= 1 || !singleNodeCache(delivery)) return;
  const what = delivery.autoCache ? `the ModelCache made for the model ("${delivery.autoCache}", ReadWriteOnce)` : `cache (${modes.join(', ')})`;
  throw new ValidationError(path, field, maxReplicas,
    `may run on several nodes, and ${what} can be mounted on one node only`,
    'choose one: pass cache: a ModelCache with accessModes ["ReadWriteMany"] and a StorageClass that offers it; run 1 replica; '
    + 'ship the weights as an image (HuggingFaceModel.fromImage); or download in each pod (allowServingPodEgressForDownload: true, '
    + 'which keeps internet egress on the serving pod)');
}

/** The ModelCache made for a model served without `cache`: its objects come with the serving objects. */
function autoCacheDelivery(i: DeliveryInputs): Delivery {
  const name = `${i.name}${DELIVERY_DEFAULTS.autoCacheSuffix}`;
  const adapters = i.loraAdapters ?? [];
  const size = adapters.length === 0 ? i.modelStorage
    : `${Math.ceil(((parseQuantity(i.modelStorage) ?? 0) + adapters.length * (parseQuantity(LORA_ADAPTER_STORAGE) ?? 0)) / 2 ** 30)}Gi`;
  const r = renderModelCache({
    model: i.model, hfToken: i.hfToken, size, downloadProxy: i.downloadProxy, ...(i.loraAdapters ? { loraAdapters: i.loraAdapters } : {}),
  }, { path: `${i.path}/model-cache`, name, namespace: i.namespace }, { storageModels: true });
  const objectStore = [i.model, ...adapters.map(a => a.model)].some(m => m.source === ModelSource.STORAGE);
  return { ...cacheDelivery(r.cache, i), objects: r.objects, autoCache: name, autoCacheReadsObjectStore: objectStore };
}

/**
 * `storageUri` that makes KServe mount a claim directory at `/mnt/models`: for a `pvc://` URI the
 * pod webhook adds the claim as a volume and a read-only mount with the path as subPath, and no
 * init container (kserve/kserve v0.20.0 `pkg/webhook/admission/pod/storage_initializer_injector.go`
 * `CommonStorageInitialization`; read-only unless the `storage-readonly` annotation says "false":
 * `GetStorageInitializerReadOnlyFlag`). The webhook acts at pod admission, after Knative validated
 * the revision, so Knative's field mask never sees that volume.
 */
export function kservePvcUri(claimName: string, subPath: string): string {
  return `pvc://${claimName}${subPath ? `/${subPath}` : ''}`;
}

function cacheDelivery(cache: IModelCache, i: Pick<DeliveryInputs, 'serverless' | 'security'>): Delivery {
  const cacheAccessModes = cache.accessModes ?? ['ReadWriteOnce'];
  if (i.serverless) {
    return {
      kind: DeliveryKind.CACHE, storageUri: kservePvcUri(cache.claimName, cache.subPath),
      serviceAccountSecrets: [], initContainers: [], volumes: [], serverMounts: [], downloadsInPod: false, objects: [], cacheAccessModes,
    };
  }
  const check = hardenedContainer({
    name: 'model-cache-ready',
    image: STORAGE_INITIALIZER_IMAGE,
    command: ['/bin/sh', '-c',
      `test -f '${MODEL_DIR}/${cache.markerFile}' || { echo 'model cache ${cache.claimName} is not complete yet'; exit 1; }`],
    env: [],
    resources: { requests: { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '16Mi' }, limits: { 'cpu': '100m', 'memory': '64Mi',
      'ephemeral-storage': '16Mi' } },
    volumeMounts: [{ name: 'model', mountPath: MODEL_DIR, subPath: cache.subPath, readOnly: true }],
    security: i.security,
  });
  return {
    kind: DeliveryKind.CACHE,
    serviceAccountSecrets: [],
    initContainers: [check],
    volumes: [{ name: 'model', persistentVolumeClaim: { claimName: cache.claimName, readOnly: true } }],
    serverMounts: [{ name: 'model', mountPath: MODEL_DIR, subPath: cache.subPath, readOnly: true }],
    downloadsInPod: false,
    objects: [],
    cacheAccessModes,
  };
}
