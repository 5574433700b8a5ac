/** KServe release whose runtimes and CRDs the library targets. */
export const KSERVE_VERSION = 'v0.20.0';

/**
 * KServe storage initializer (huggingface_hub inside, runs as UID 1000): the download step of
 * `ModelCache` Jobs and of pods that download without KServe's own injection.
 */
export const STORAGE_INITIALIZER_IMAGE = `kserve/storage-initializer:${KSERVE_VERSION}`;
