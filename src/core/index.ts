/**
 * `hf-serving-constructs/core`: the framework-free entry. The `render*` functions take a construct's
 * props and where it lives (`ServingContext`: construct path, name, namespace) and return plain
 * Kubernetes objects, for programs that use neither cdk8s nor Pulumi; plus the shared types. Loads
 * neither cdk8s nor Pulumi.
 */
export * from '../shared';
export type { ServingContext } from './context';
export type { RenderedServing } from './serving';
export { renderVllmPredictor } from './vllm-predictor';
export type { VllmPredictorProps } from './vllm-predictor';
export { renderLlmPredictor } from './llm-predictor';
export type { LlmPredictorProps } from './llm-predictor';
export { renderEmbeddingService } from './embedding-service';
export type { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps, RenderedEmbeddingService } from './embedding-service';
export { renderTorchServePredictor } from './torchserve-predictor';
export type { RenderedTorchServe, TorchServeEndpoints, TorchServePredictorProps } from './torchserve-predictor';
export { renderModelCache } from './model-cache';
export type { ModelCacheProps, ModelCacheRenderOptions, RenderedModelCache } from './model-cache';
export { renderHubTokenExternalSecret } from './hub-token-external-secret';
export type { HubTokenExternalSecretProps, RenderedHubTokenExternalSecret } from './hub-token-external-secret';
export { existingGpuNodePool, renderGpuNodePool } from './gpu-node-pool';
export type { ExistingGpuNodePoolOptions, GpuNodePoolProps, NodeClassRef, RenderedGpuNodePool } from './gpu-node-pool';
