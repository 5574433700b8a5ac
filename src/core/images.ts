/**
 * Every container image the library deploys, pinned to a release tag. One table, so an upgrade is
 * one line and a reviewer sees every version in one place. `latest` or an untagged image is refused
 * for user overrides too (see `validateImage`).
 */
export const IMAGES = {
  /** vLLM OpenAI-compatible server. v0.28.0 (2026-08-26) postdates vLLM PR #52523 (API key no longer logged). */
  vllm: 'vllm/vllm-openai:v0.28.0',
  /** KServe Hugging Face runtime, CPU build (`kserve/huggingfaceserver`, KServe v0.20.0). */
  kserveHuggingFace: 'kserve/huggingfaceserver:v0.20.0',
  /** KServe Hugging Face runtime, CUDA build (the tag KServe itself derives by appending `-gpu`). */
  kserveHuggingFaceGpu: 'kserve/huggingfaceserver:v0.20.0-gpu',
  /**
   * KServe storage initializer (huggingface_hub inside, runs as UID 1000): the download step of
   * `ModelCache` Jobs and of pods that download without KServe's own injection.
   */
  storageInitializer: 'kserve/storage-initializer:v0.20.0',
} as const;

/** KServe release whose runtimes and CRDs the library targets. */
export const KSERVE_VERSION = 'v0.20.0';
