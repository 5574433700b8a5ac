import { createHash } from 'crypto';
import { HuggingFaceModel, ModelSource } from './model';

/**
 * Directory inside the claim that holds one model at one revision: `<owner>/<name>/<revision>` for a
 * Hub model; `storage/<hash>` for an `s3://` / `gs://` URI, the hash covering the URI and its digests.
 */
export function cacheSubPath(model: HuggingFaceModel): string {
  if (model.source !== ModelSource.HUB) {
    return `storage/${createHash('sha256').update(JSON.stringify([model.storageUri, model.sha256])).digest('hex').slice(0, 32)}`;
  }
  return `${model.id}/${model.revision}`;
}

/** Directory of the model's directory in a cache claim under which its LoRA adapters are downloaded. */
export const ADAPTERS_SUBDIR = 'lora';

/**
 * Where a LoRA adapter lives inside the model's directory of a cache claim: `lora/<its cacheSubPath>`
 * (keyed by the adapter's pin, not its served name, so a new revision never lands on old files).
 * Inside the model's directory, because KServe mounts only the directory a `pvc://` storage URI names:
 * the path after the claim becomes the mount's `subPath` at `/mnt/models` (kserve/kserve v0.20.0
 * `pkg/webhook/admission/pod/storage_initializer_injector.go` `CommonStorageInitialization`,
 * `pkg/utils/storage.go` `ParsePvcURI`; see `kservePvcUri`), so adapters beside it would be out of a
 * serverless pod's reach.
 */
export function adapterSubPath(adapter: HuggingFaceModel): string {
  return `${ADAPTERS_SUBDIR}/${cacheSubPath(adapter)}`;
}
