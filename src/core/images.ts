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
  /** Text Embeddings Inference, CPU build (release 1.9; images have no USER, we run them as UID 1000). */
  tei: 'ghcr.io/huggingface/text-embeddings-inference:cpu-1.9',
  /** Text Embeddings Inference, CUDA build for Ampere 8.0 (release 1.9; `86-`, `89-`, `hopper-` tags exist for other GPUs). */
  teiGpu: 'ghcr.io/huggingface/text-embeddings-inference:1.9',
  /** Infinity (`infinity_emb`), CPU build (release 0.0.77). */
  infinityCpu: 'michaelf34/infinity:0.0.77-cpu',
  /** Infinity (`infinity_emb`), CUDA build (release 0.0.77). */
  infinity: 'michaelf34/infinity:0.0.77',
  /**
   * TorchServe 0.12.0, CPU build: token authorization on and the model API off by default (since
   * 0.11.0). The project is in limited maintenance upstream (no further security patches).
   */
  torchserve: 'pytorch/torchserve:0.12.0-cpu',
  /** TorchServe 0.12.0, CUDA build. */
  torchserveGpu: 'pytorch/torchserve:0.12.0-gpu',
} as const;

/** KServe release whose runtimes and CRDs the library targets. */
export const KSERVE_VERSION = 'v0.20.0';
