export * from './secrets';
export * from './vllm-predictor';
export * from './model-cache';
export * from './hub-token-external-secret';
export * from './gpu-node-pool';
export * from './huggingface-embedding-service';
export * from './torchserve-predictor';
export { Environment, applyEnvironment } from '../core/environment';
export type { EnvironmentDefaults } from '../core/environment';
