import { Delivery, DeliveryKind, MODEL_DIR } from './delivery';
import { Volume } from './kube';
import { HuggingFaceModel, ModelSource } from './model';
import { claimDelivery, parseClaimUri } from './model-store';
import { PodSecurityOptions } from './pod-security';

/**
 * Directory of a model image that holds the files: KServe's modelcar layout (kserve/kserve v0.20.0
 * `pkg/webhook/admission/pod/storage_initializer_injector.go`, modelcar: the files under `/models`).
 */
export const MODEL_IMAGE_DIR = 'models';

/** Inputs of {@link sourceDelivery}. */
export interface SourceDeliveryInputs {
  readonly model: HuggingFaceModel;
  readonly kserve: boolean;
  readonly kserveRuntime: boolean;
  readonly security?: PodSecurityOptions;
}

/** What a Kubernetes `image` volume needs of the cluster (the library's reading; not checked against a Kubernetes source). */
export const IMAGE_VOLUME_NEEDS = 'Kubernetes ≥ 1.33 with the `ImageVolume` feature gate';

/**
 * Delivery of a model that is not downloaded from the Hub or an object store:
 *
 * | source | delivery |
 * |---|---|
 * | `pvc://claim/path` | the claim mounted read-only at `/mnt/models` (its `sha256` digests checked by an init container first) |
 * | image, KServe runtime | `storageUri: oci://<image>`: KServe's modelcar shares the image's `/models` with the server |
 * | image, otherwise | a Kubernetes image volume (read-only; see {@link IMAGE_VOLUME_NEEDS}), its `/models` at `/mnt/models` |
 *
 * Undefined for Hub models and `s3://` / `gs://` URIs, which are downloaded (see `planDelivery`).
 */
export function sourceDelivery(i: SourceDeliveryInputs): Delivery | undefined {
  const m = i.model;
  if (m.source === ModelSource.STORAGE && m.storageUri.startsWith('pvc://')) {
    return claimDelivery({ location: parseClaimUri('model', 'model.uri', m.storageUri), sha256: m.sha256, security: i.security });
  }
  if (m.source !== ModelSource.IMAGE) return undefined;
  if (i.kserve && i.kserveRuntime) {
    return {
      kind: DeliveryKind.KSERVE_MODELCAR, storageUri: m.storageUri,
      serviceAccountSecrets: [], initContainers: [], volumes: [], serverMounts: [], downloadsInPod: false, objects: [],
    };
  }
  const volume: Volume = { name: 'model', image: { reference: m.id, pullPolicy: 'IfNotPresent' } };
  return {
    kind: DeliveryKind.IMAGE_VOLUME,
    serviceAccountSecrets: [],
    initContainers: [],
    volumes: [volume],
    serverMounts: [{ name: 'model', mountPath: MODEL_DIR, subPath: MODEL_IMAGE_DIR, readOnly: true }],
    downloadsInPod: false,
    objects: [],
  };
}
