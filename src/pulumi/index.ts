export * from '../shared';
export type { SecretInput } from './secrets';
export type { AwaitArgs } from './await-args';
export type { DeepInput, Inputs, Whole } from './inputs';
// the core props each component's args are built from
export type { VllmPredictorProps } from '../core/vllm-predictor';
export type { LlmPredictorProps } from '../core/llm-predictor';
export type { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps } from '../core/embedding-service';
export type { TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
export type { ModelCacheProps } from '../core/model-cache';
export type { HubTokenExternalSecretProps } from '../core/hub-token-external-secret';
export type { ExistingGpuNodePoolOptions, GpuNodePoolProps, NodeClassRef } from '../core/gpu-node-pool';
export * from './vllm-predictor';
export * from './llm-predictor';
export * from './model-cache';
export * from './hub-token-external-secret';
export * from './gpu-node-pool';
export * from './huggingface-embedding-service';
export * from './torchserve-predictor';
