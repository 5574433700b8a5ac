export * from '../shared';
export type { SecretInput } from './secrets';
export type { AwaitArgs } from './await-args';
export * from './vllm-predictor';
export * from './model-cache';
export * from './hub-token-external-secret';
export * from './gpu-node-pool';
export * from './huggingface-embedding-service';
export * from './torchserve-predictor';
