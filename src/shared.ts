/**
 * The types and values both front ends share (models, secret references, enums, errors, defaults,
 * policy checks): exported by `hf-serving-constructs` (cdk8s) and by `hf-serving-constructs/pulumi`,
 * so a Pulumi program needs no cdk8s package. Nothing here may load cdk8s, constructs or Pulumi.
 */
export * from './core/errors';
export * from './core/kube';
export * from './core/secret-ref';
export * from './core/model';
export * from './core/serving-mode';
export * from './core/knative';
export * from './core/serving-props';
export * from './core/pod-security';
export * from './core/network';
export * from './core/scheduling';
export * from './core/cache';
export * from './core/images';
export { MODEL_CACHE_DEFAULTS } from './core/model-cache';
export { DELIVERY_DEFAULTS } from './core/delivery';
export type { DeliveryOptions } from './core/delivery';
export { SecretStoreKind, HUB_TOKEN_KEY, HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS } from './core/hub-token-external-secret';
export * from './core/gpu-node-pool';
export * from './core/autoscaling';
export * from './core/monitoring';
export * from './core/availability';
export * from './core/parallelism';
export * from './core/embedding-backend';
export * from './core/llm-engine';
export type { TeiPooling } from './core/embedding-service';
export * from './core/model-control';
export * from './core/policy';
export * from './core/environment';
export * from './core/policy-errors';
export * from './core/metadata';
export * from './core/pod-placement';
export * from './core/service-account';
export * from './core/image-pull-secrets';
export * from './core/extra-volumes';
export * from './core/env-from';
export * from './core/download-proxy';
export * from './core/platform';
export * from './core/vllm-engine-options';
export * from './core/expose';
export type { CertificateIssuerRef, ServiceMesh, TlsCertificate, TlsOptions } from './core/tls';
export type { LoraAdapter } from './core/lora-adapters';
