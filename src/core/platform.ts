import { EnvFromConfigMap, envFromParts, validateEnvFrom } from './env-from';
import { ValidationError } from './errors';
import { ExposeOptions } from './expose';
import { ExtraVolume, ExtraVolumeMount, extraMounts, extraPodVolumes, OwnedPodPaths, validateExtraVolumes } from './extra-volumes';
import { imagePullSecretRefs, validateImagePullSecrets } from './image-pull-secrets';
import { KnativeFeature } from './knative';
import { Container, EnvVar, KubeObject, PodFields, Volume } from './kube';
import { MetadataOptions, validateMetadata, withObjectMetadata, withPodMetadata } from './metadata';
import { PlacementOptions, placementFields, validatePlacement } from './pod-placement';
import { IGpuNodePool } from './scheduling';
import { ServiceAccountOptions, validateServiceAccount } from './service-account';

/**
 * What platform teams set on every workload: metadata, pull secrets, scheduling, identity and extra
 * read-only files. Plain data, the same on every serving construct (cdk8s and Pulumi).
 */
export interface PlatformOptions extends PlacementOptions {
  /**
   * Labels and annotations added to every object the construct emits (the construct's own keys win).
   * @default - none
   */
  readonly metadata?: MetadataOptions;
  /**
   * Labels and annotations added to the serving pods (e.g. a mesh sidecar switch, cost labels).
   * @default - none
   */
  readonly podMetadata?: MetadataOptions;
  /**
   * Secrets (`kubernetes.io/dockerconfigjson`) for pulling images from private registries.
   * @default - none
   */
  readonly imagePullSecrets?: readonly string[];
  /**
   * The serving pods' identity: annotations for the ServiceAccount the construct creates (IRSA,
   * Workload Identity), or the name of an existing one. No API token is mounted either way.
   * @default - a ServiceAccount named after the construct, without annotations
   */
  readonly serviceAccount?: ServiceAccountOptions;
  /**
   * Extra volumes for the serving container (ConfigMaps, Secrets, existing claims), mounted read-only by `volumeMounts`.
   * @default - none
   */
  readonly volumes?: readonly ExtraVolume[];
  /**
   * Read-only mounts of `volumes` in the serving container; paths the construct mounts are refused.
   * @default - none
   */
  readonly volumeMounts?: readonly ExtraVolumeMount[];
  /**
   * Environment from ConfigMaps: named keys, or every key under a prefix of your own (checked against the env lock).
   * @default - none
   */
  readonly envFrom?: readonly EnvFromConfigMap[];
  /**
   * Expose the model's OpenAI-compatible API outside the cluster through a Gateway API Gateway: an
   * HTTPRoute for that path prefix only, and the Gateway's namespace admitted to the serving port.
   * @default - not exposed; reachable in the cluster by `allowFrom` peers only
   */
  readonly expose?: ExposeOptions;
  /**
   * Knative `config-features` your cluster enables, so serverless outputs may carry the fields they unlock.
   * @default - none (Knative's defaults: only emptyDir volumes)
   */
  readonly knativeFeatures?: readonly KnativeFeature[];
}

/** What {@link validatePlatform} needs to know about the rendering. */
export interface PlatformContext {
  /** Construct path, for error messages. */
  readonly path: string;
  /** Whether the workload is a Knative revision (KSERVE_SERVERLESS). */
  readonly serverless: boolean;
  /** The GPU node pool the pod is placed on, if any. */
  readonly pool?: IGpuNodePool;
  /** Volumes and serving-container mount paths the construct uses. */
  readonly owned: OwnedPodPaths;
  /** Environment names the construct sets on the serving container. */
  readonly managedEnv: ReadonlySet<string>;
  /** Secrets the construct must list on the ServiceAccount (KServe's storage initializer credentials). */
  readonly serviceAccountSecrets: readonly string[];
}

/** Validate every platform prop, before anything is rendered. */
export function validatePlatform(p: PlatformOptions, ctx: PlatformContext): void {
  validateMetadata(ctx.path, 'metadata', p.metadata);
  validateMetadata(ctx.path, 'podMetadata', p.podMetadata);
  validateImagePullSecrets(ctx.path, p.imagePullSecrets);
  validatePlacement(ctx.path, p, ctx.pool, ctx.serverless, p.knativeFeatures);
  validateServiceAccount(ctx.path, p.serviceAccount, ctx.serviceAccountSecrets);
  if (p.volumeMounts && p.volumeMounts.length > 0 && !p.volumes) {
    throw new ValidationError(ctx.path, 'volumeMounts', p.volumeMounts.map(m => m.name), 'names volumes that are not given', 'add them to volumes');
  }
  validateExtraVolumes(ctx.path, p.volumes, p.volumeMounts, ctx.owned, ctx.serverless, p.knativeFeatures);
  validateEnvFrom(ctx.path, p.envFrom, ctx.managedEnv);
}

/** Pod fields of the platform props, with the node pool's tolerations merged in. */
export function platformPodFields(p: PlatformOptions, pool: IGpuNodePool | undefined): Partial<PodFields> {
  return {
    ...(p.serviceAccount?.name ? { serviceAccountName: p.serviceAccount.name } : {}),
    ...imagePullSecretRefs(p.imagePullSecrets),
    ...placementFields(p, pool),
  };
}

/** Extra volumes of the pod (appended after the construct's own). */
export function platformVolumes(p: PlatformOptions): Volume[] {
  return extraPodVolumes(p.volumes);
}

/** The serving container with the platform props' mounts and environment added (the construct's env stays first and wins). */
export function platformContainer(c: Container, p: PlatformOptions): Container {
  const from = envFromParts(p.envFrom);
  const mounts = extraMounts(p.volumeMounts);
  if (from.env.length === 0 && from.envFrom.length === 0 && mounts.length === 0) return c;
  return {
    ...c,
    env: [...(c.env ?? []), ...(from.env as EnvVar[])],
    ...(from.envFrom.length > 0 ? { envFrom: from.envFrom } : {}),
    volumeMounts: [...(c.volumeMounts ?? []), ...mounts],
  };
}

/**
 * The construct's objects with the platform props applied: no ServiceAccount when an existing one is
 * named, annotations on the created one, pod metadata on workloads, metadata on everything.
 */
export function platformObjects(objects: readonly KubeObject[], p: PlatformOptions): KubeObject[] {
  return objects
    .filter(o => !(p.serviceAccount?.name && o.kind === 'ServiceAccount' && o.apiVersion === 'v1'))
    .map(o => (o.kind === 'ServiceAccount' && p.serviceAccount?.annotations
      ? { ...o, metadata: { ...o.metadata, annotations: { ...p.serviceAccount.annotations, ...(o.metadata.annotations ?? {}) } } }
      : o))
    .map(o => withPodMetadata(o, p.podMetadata))
    .map(o => withObjectMetadata(o, p.metadata));
}
