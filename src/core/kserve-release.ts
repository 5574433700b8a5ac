/** KServe release whose runtimes and CRDs the library targets. */
export const KSERVE_VERSION = 'v0.20.0';

/**
 * KServe storage initializer (huggingface_hub inside, runs as UID 1000): the download step of
 * `ModelCache` Jobs and of pods that download without KServe's own injection.
 */
export const STORAGE_INITIALIZER_IMAGE = `kserve/storage-initializer:${KSERVE_VERSION}`;

/**
 * The `inferenceservice-config` setting KServe's modelcar (`storageUri: oci://…`) needs, and its value
 * in the ConfigMap KServe installs (kserve/kserve v0.20.0 `config/configmap/inferenceservice.yaml`,
 * key `storageInitializer`: `"enableModelcar": true`).
 */
export const KSERVE_MODELCAR_SETTING = { key: 'storageInitializer.enableModelcar', installedDefault: true } as const;
