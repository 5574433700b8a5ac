export * from './secrets';
export * from './vllm-predictor';
