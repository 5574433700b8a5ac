export * from './secrets';
export * from './vllm-predictor';
export * from './huggingface-embedding-service';
export * from './torchserve-predictor';
