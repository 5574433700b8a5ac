export * from './shared';
export * from './cdk8s/vllm-predictor';
export * from './cdk8s/model-cache';
export * from './cdk8s/hub-token-external-secret';
export { GpuNodePool } from './cdk8s/gpu-node-pool';
export * from './cdk8s/peers';
export * from './cdk8s/huggingface-embedding-service';
export * from './cdk8s/torchserve-predictor';
export * from './cdk8s/serving-construct';
