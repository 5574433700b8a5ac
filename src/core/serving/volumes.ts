/** Volume name of the engine's rendered configuration. */
export const CONFIG_VOLUME_NAME = 'config';

/**
 * Volume KServe's storage initializer injects and mounts at the model directory (kserve/kserve
 * v0.20.0 `pkg/webhook/admission/pod/storage_initializer_injector.go`: `kserve-provision-location`).
 */
export const KSERVE_STORAGE_VOLUME = 'kserve-provision-location';

/**
 * Volume KServe's pod webhook adds for a `pvc://` storage URI and mounts at the model directory
 * (kserve/kserve v0.20.0 `pkg/constants/constants.go` `PvcSourceMountName`).
 */
export const KSERVE_PVC_VOLUME = 'kserve-pvc-source';

/**
 * A custom predictor container names its model URI in this env: KServe reads it from the container
 * named `kserve-container` (kserve/kserve v0.20.0 `pkg/apis/serving/v1beta1/predictor_custom.go`
 * `GetStorageUri`; `pkg/constants/constants.go` `CustomSpecStorageUriEnvVarKey`) and sets it to
 * `/mnt/models` once mounted. The construct sets it; the user's `env` may not.
 */
export const KSERVE_STORAGE_URI_ENV = 'STORAGE_URI';
