/** Volume name of the engine's rendered configuration. */
export const CONFIG_VOLUME_NAME = 'config';

/**
 * Volume KServe's storage initializer injects and mounts at the model directory (kserve/kserve
 * v0.20.0 `pkg/webhook/admission/pod/storage_initializer_injector.go`: `kserve-provision-location`).
 */
export const KSERVE_STORAGE_VOLUME = 'kserve-provision-location';
