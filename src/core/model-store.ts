import { Delivery, DeliveryKind, MODEL_DIR } from './delivery';
import { ValidationError } from './errors';
import { STORAGE_INITIALIZER_IMAGE } from './kserve-release';
import { Container } from './kube';
import { hardenedContainer, PodSecurityOptions } from './pod-security';

/** A `pvc://<claim>[/<path>]` storage URI, split. */
export interface ClaimLocation {
  readonly claimName: string;
  /** Directory inside the claim; empty for the claim's root. */
  readonly subPath: string;
}

const PVC_URI = /^pvc:\/\/([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)((\/[A-Za-z0-9._-]+)*)\/?$/;
const STORE_FILE = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** Parse and validate a `pvc://claim/path` URI (the only model store the library mounts). */
export function parseClaimUri(path: string, field: string, uri: string): ClaimLocation {
  const m = typeof uri === 'string' ? PVC_URI.exec(uri) : null;
  if (!m || uri.split('/').some(p => p === '..' || p === '.')) {
    throw new ValidationError(path, field, uri, 'is not a pvc:// URI of an existing claim',
      'give pvc://<claim name>/<directory>, e.g. "pvc://model-store/resnet"');
  }
  return { claimName: m[1], subPath: m[3].replace(/^\//, '') };
}

/** Validate a `{ file: sha256 }` map of files in the model store. */
export function validateStoreDigests(path: string, field: string, digests: Readonly<Record<string, string>>): void {
  for (const [file, digest] of Object.entries(digests)) {
    if (!STORE_FILE.test(file) || file.split('/').some(p => p === '..' || p === '.')) {
      throw new ValidationError(path, `${field}["${file}"]`, file, 'is not a relative file path inside the model store',
        'name the file as it lies in the store, e.g. "resnet-18.mar"');
    }
    if (typeof digest !== 'string' || !SHA256.test(digest)) {
      throw new ValidationError(path, `${field}["${file}"]`, digest, 'is not a SHA-256 digest',
        'give 64 lower-case hex characters (sha256sum <file>)');
    }
  }
}

/** Inputs of {@link claimDelivery}. */
export interface ClaimDeliveryInputs {
  readonly location: ClaimLocation;
  /** Digests verified before the server starts. */
  readonly sha256: Readonly<Record<string, string>>;
  readonly security?: PodSecurityOptions;
}

/**
 * Mount a user's claim read-only at `/mnt/models` (in every mode: nothing downloads in the pod). With
 * digests, an init container runs `sha256sum -c` over the read-only store first; the server starts
 * only if every file matches.
 */
export function claimDelivery(i: ClaimDeliveryInputs): Delivery {
  const mount = { name: 'model-store', mountPath: MODEL_DIR, readOnly: true, ...(i.location.subPath ? { subPath: i.location.subPath } : {}) };
  const checks = Object.entries(i.sha256).map(([file, digest]) => `'${digest}  ${file}'`);
  const verify: Container[] = checks.length === 0 ? [] : [hardenedContainer({
    name: 'model-verify',
    image: STORAGE_INITIALIZER_IMAGE,
    command: ['/bin/sh', '-c', ['set -eu', `cd '${MODEL_DIR}'`, `printf '%s\\n' ${checks.join(' ')} | sha256sum -c -`].join('\n')],
    env: [],
    resources: { requests: { 'cpu': '250m', 'memory': '128Mi', 'ephemeral-storage': '16Mi' }, limits: { 'cpu': '1', 'memory': '256Mi',
      'ephemeral-storage': '16Mi' } },
    volumeMounts: [mount],
    security: i.security,
  })];
  return {
    kind: DeliveryKind.PERSISTENT_VOLUME_CLAIM,
    serviceAccountSecrets: [],
    initContainers: verify,
    volumes: [{ name: 'model-store', persistentVolumeClaim: { claimName: i.location.claimName, readOnly: true } }],
    serverMounts: [mount],
    downloadsInPod: false,
    objects: [],
  };
}
