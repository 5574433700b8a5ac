export * from './secrets';
export * from './vllm-predictor';
export * from './gpu-node-pool';
