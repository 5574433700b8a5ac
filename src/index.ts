/**
 * `hf-serving-constructs`: the cdk8s constructs, their props, and the shared types, enums, errors and
 * policy checks. Loads no Pulumi module.
 */
export * from './shared';
export * from './cdk8s/vllm-predictor';
export * from './cdk8s/llm-predictor';
export * from './cdk8s/model-cache';
export * from './cdk8s/hub-token-external-secret';
export { GpuNodePool } from './cdk8s/gpu-node-pool';
export type { ExistingGpuNodePoolOptions, GpuNodePoolProps } from './cdk8s/gpu-node-pool';
export type { NodeClassRef } from './core/gpu-node-pool';
export type { AllowFromPeer, PeerSelectorProps } from './cdk8s/peers';
export * from './cdk8s/huggingface-embedding-service';
export * from './cdk8s/torchserve-predictor';
export type { IServingConstruct } from './cdk8s/serving-construct';
export { ServingPolicy } from './cdk8s/serving-policy';
export type { ServingPolicyOptions } from './cdk8s/serving-policy';
