import { IModelCache } from './cache';
import { downloadContainer, downloadVolumes } from './download';
import { DownloadProxyOptions } from './download-proxy';
import { Container, Volume, VolumeMount } from './kube';
import { HuggingFaceModel } from './model';
import { hardenedContainer, PodSecurityOptions } from './pod-security';
import { SecretRef } from './secret-ref';
import { STORAGE_INITIALIZER_IMAGE } from './kserve-release';
import { sourceDelivery } from './model-source-delivery';
import { MODEL_DIR } from './paths';

export { MODEL_DIR } from './paths';

/** How the weights reach the serving container. */
export enum DeliveryKind {
  /** KServe's storage initializer downloads `hf://owner/name:<commit>` (token from the ServiceAccount's secrets). */
  KSERVE_STORAGE_INITIALIZER = 'kserve-storage-initializer',
  /** The library's own hardened download init container fills an emptyDir. */
  DOWNLOAD_INIT_CONTAINER = 'download-init-container',
  /** A filled `ModelCache` claim is mounted read-only; nothing downloads in the pod. */
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
}

/** Inputs of {@link planDelivery}. */
export interface DeliveryInputs {
  readonly model: HuggingFaceModel;
  readonly kserve: boolean;
  /** True when the engine runs as a KServe runtime (not a custom container). */
  readonly kserveRuntime: boolean;
  readonly hfToken?: SecretRef;
  readonly cache?: IModelCache;
  /** emptyDir size for weights downloaded into the pod. */
  readonly modelStorage: string;
  readonly security?: PodSecurityOptions;
  /** The corporate proxy the download step goes through. */
  readonly downloadProxy?: DownloadProxyOptions;
}

/**
 * Choose how the weights arrive, as a table:
 *
 * | situation                                                           | delivery                       |
 * |---------------------------------------------------------------------|--------------------------------|
 * | a `cache` is given                                                   | CACHE (PVC read-only, marker check) |
 * | KServe runtime, token absent or under key `HF_TOKEN`, no sha256 map, no hubEndpoint, no downloadProxy | KSERVE_STORAGE_INITIALIZER |
 * | anything else                                                        | DOWNLOAD_INIT_CONTAINER        |
 *
 * KServe's credential builder only reads a Secret key named `HF_TOKEN` and cannot verify digests
 * or take a per-model allow-list; its injected container gets no `HF_ENDPOINT` either, so a mirror
 * would be bypassed. Nor can an InferenceService give that container a proxy: its env and CA bundle come
 * from the cluster's `ClusterStorageContainer` and `inferenceservice-config` (kserve/kserve v0.20.0
 * `pkg/webhook/admission/pod/storage_initializer_injector.go`). Those cases use the library's own download step.
 */
export function planDelivery(i: DeliveryInputs): Delivery {
  if (i.cache) return cacheDelivery(i.cache, i.security);
  const fromSource = sourceDelivery(i);
  if (fromSource) return fromSource;
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
  };
}

function cacheDelivery(cache: IModelCache, security?: PodSecurityOptions): Delivery {
  const check = hardenedContainer({
    name: 'model-cache-ready',
    image: STORAGE_INITIALIZER_IMAGE,
    command: ['/bin/sh', '-c',
      `test -f '${MODEL_DIR}/${cache.markerFile}' || { echo 'model cache ${cache.claimName} is not complete yet'; exit 1; }`],
    env: [],
    resources: { requests: { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '16Mi' }, limits: { 'cpu': '100m', 'memory': '64Mi',
      'ephemeral-storage': '16Mi' } },
    volumeMounts: [{ name: 'model', mountPath: MODEL_DIR, subPath: cache.subPath, readOnly: true }],
    security,
  });
  return {
    kind: DeliveryKind.CACHE,
    serviceAccountSecrets: [],
    initContainers: [check],
    volumes: [{ name: 'model', persistentVolumeClaim: { claimName: cache.claimName, readOnly: true } }],
    serverMounts: [{ name: 'model', mountPath: MODEL_DIR, subPath: cache.subPath, readOnly: true }],
    downloadsInPod: false,
  };
}
