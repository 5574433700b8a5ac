/**
 * The types and values both front ends share, and nothing else: models and secret references,
 * enums, errors, the pinned images, the secure defaults, the policy checks, and the types the props
 * are made of. Exported by `hf-serving-constructs` (cdk8s), `hf-serving-constructs/pulumi` and
 * `hf-serving-constructs/core`, so a Pulumi program needs no cdk8s package. Nothing here may load
 * cdk8s, constructs or Pulumi. Every name is listed on purpose: a new export is a public API change
 * (see `etc/*.api.md`).
 */
// errors
export { ValidationError } from './core/errors';
// models and secrets
export { HuggingFaceModel, ModelSource } from './core/model';
export type { HubModelOptions, StorageModelOptions } from './core/model';
export { SecretRef } from './core/secret-ref';
// enums and environments
export { ServingMode } from './core/serving-mode';
export { KnativeFeature } from './core/knative';
export { EmbeddingBackend } from './core/embedding-backend';
export { LlmEngine } from './core/llm-engine';
export { ModelControl } from './core/model-control';
export { SecretStoreKind } from './core/hub-token-external-secret';
export { Environment } from './core/environment';
export type { EnvironmentDefaults } from './core/environment';
// what the library pins and defaults to
export { IMAGES, KSERVE_VERSION } from './core/images';
export { SECURE_DEFAULTS } from './core/pod-security';
export { DELIVERY_DEFAULTS } from './core/delivery';
export type { DeliveryOptions } from './core/delivery';
// policy checks
export { checkManifests, policyReport, RULES } from './core/policy/lazy';
export type { PolicyReport } from './core/policy/check';
export type { Rule } from './core/policy/rule';
export { blockingFindings, describeRef } from './core/policy/finding';
export type { CheckOptions, ExternalObjects, Finding, ObjectRef, Severity } from './core/policy/finding';
export { waiverAnnotation } from './core/policy/waivers';
export { policyErrors } from './core/policy-errors';
// the types the props and outputs are made of
export type { KubeObject, ObjectMeta, EnvVar, VolumeMount, Probe, Container, Volume } from './core/kube';
export type { ServingProps, ResourceOptions, AutoscalingOptions } from './core/serving-props';
export type { PodSecurityOptions } from './core/pod-security';
export type { PlatformOptions } from './core/platform';
export type { PlacementOptions } from './core/pod-placement';
export type { MetadataOptions } from './core/metadata';
export type { ServiceAccountOptions } from './core/service-account';
export type { ExtraVolume, ExtraVolumeMount } from './core/extra-volumes';
export type { EnvFromConfigMap } from './core/env-from';
export type { ConfigMapKeyRef, DownloadProxyOptions } from './core/download-proxy';
export type { ExposeOptions, GatewayRef } from './core/expose';
export type { CertificateIssuerRef, ServiceMesh, TlsCertificate, TlsOptions } from './core/tls';
export type { LoraAdapter } from './core/lora-adapters';
export type { NetworkPeer } from './core/network';
export type { IGpuNodePool, Taint, Toleration } from './core/scheduling';
export type { IModelCache } from './core/cache';
export type { AlertThresholds, MonitoringOptions } from './core/monitoring';
export { VLLM_DTYPES } from './core/vllm-engine-options';
export type { VllmDtype, VllmEngineOptions } from './core/vllm-engine-options';
export type { TeiPooling } from './core/embedding-service';
