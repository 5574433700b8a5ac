import { createHash } from 'crypto';
import { AutoscalingPlan, planAutoscaling } from '../autoscaling';
import { ServingContext, requireNamespace } from '../context';
import { Delivery, MODEL_DIR, planDelivery, requireSharableWeights } from '../delivery';
import { MODEL_CACHE_DEFAULTS } from '../model-cache';
import { planLoraAdapters, withLoraAdapters } from '../lora-adapters';
import { KNATIVE_USER_CONTAINER_SCHEME, ServiceMesh, TLS_FILES, tlsVolume, validateTls } from '../tls';
import { ParsedProxy, validateDownloadProxy } from '../download-proxy';
import { Engine, engineArgs, EngineContext } from '../engines/engine';
import { validateKServeRuntimeArgs } from '../engines/kserve-runtime-args';
import { ValidationError } from '../errors';
import { EnvVar, VolumeMount, Volume } from '../kube';
import { isDnsLabel, selectorLabels, standardLabels } from '../labels';
import { validateExpose } from '../expose';
import { KnativeFeature, requireKnativeFeature, validateKnativeFeatures } from '../knative';
import { HuggingFaceModel, ModelSource, validateModel } from '../model';
import { MonitoringOptions, validateMonitoring } from '../monitoring';
import { NetworkPeer, validatePeers } from '../network';
import { validateParallelism } from '../parallelism';
import { baselineScratch, IDENTITY_ENV, PodSecurityOptions, scratchParts, ScratchDir, SECURE_DEFAULTS, TELEMETRY_OFF } from '../pod-security';
import { PlatformOptions, validatePlatform } from '../platform';
import { parseQuantity, requireQuantity } from '../quantity';
import { GPU_RESOURCE, IGpuNodePool } from '../scheduling';
import { isKServe, ServingMode } from '../serving-mode';
import { validateCount, validateEnv, validateExtraArgs, validateGpus, validateImage, validateMode, validateSecretRef } from '../validate';
import { ServingBase, ServingFamily, SideIngress } from './family';
import { CONFIG_VOLUME_NAME, KSERVE_PVC_VOLUME, KSERVE_STORAGE_URI_ENV, KSERVE_STORAGE_VOLUME } from './volumes';
import { KNATIVE_INGRESS_NAMESPACES } from './knative';
import { refuseServerlessAllowFrom } from './serverless-peers';
import { INT32_MAX } from '../shapes';

/** Port every KServe predictor container listens on. */
const KSERVE_PORT = 8080;
/** @default the value of `resources.modelStorage` when not given. */
const DEFAULT_MODEL_STORAGE = '50Gi';
/** @default the value of `startupTimeoutSeconds` when not given. */
const DEFAULT_STARTUP_TIMEOUT = 1800;
/** Seconds a rollout may take beyond the startup budget before it counts as stalled. */
const ROLLOUT_MARGIN = 600;
/** Longest startup budget accepted (7 days): the budget plus {@link ROLLOUT_MARGIN} must stay an int32 deadline. */
export const MAX_STARTUP_TIMEOUT = 7 * 24 * 3600;
/**
 * Smallest memory limit accepted: a Python model server importing torch needs more than this before
 * it loads any weights (a judgement, not an upstream figure; it refuses typos such as "1Ki").
 */
export const MIN_SERVER_MEMORY = '1Gi';
/** Smallest shared memory accepted: the container runtime's own default `/dev/shm` size. */
export const MIN_SHM_SIZE = '64Mi';
/** Environment variable carrying the SHA-256 of an engine's rendered config files. */
export const CONFIG_DIGEST_ENV = 'HF_SERVING_CONFIG_SHA256';

/** Configuration files an engine renders into ConfigMap `<name>-config`. */
export interface PlannedConfig {
  readonly mountPath: string;
  readonly files: Readonly<Record<string, string>>;
}

/** Everything a serving construct resolved from its props: checked, defaulted, ready to build from. */
export interface ServingPlan {
  /** Construct path for messages. */
  readonly path: string;
  readonly name: string;
  readonly namespace: string;
  readonly mode: ServingMode;
  /** An InferenceService (KSERVE or KSERVE_SERVERLESS) rather than a Deployment. */
  readonly kserve: boolean;
  /** KSERVE_SERVERLESS: Knative runs the pods. */
  readonly knative: boolean;
  readonly labels: Record<string, string>;
  readonly podSelector: Record<string, string>;
  readonly engine: Engine;
  readonly engineCtx: EngineContext;
  /** Port the server listens on. */
  readonly port: number;
  readonly gpus: number;
  /** Extended resource that counts GPUs. */
  readonly gpuResource: string;
  readonly cpu: string;
  readonly memory: string;
  /** Ephemeral storage budget of the pod. */
  readonly ephemeralStorage: string;
  /** The image to run, and whether the user chose it. */
  readonly image: string;
  readonly imageOverride?: string;
  /** Container args: the engine's, then the user's `extraArgs`. */
  readonly args: readonly string[];
  /** Container env, the user's last. */
  readonly env: readonly EnvVar[];
  /** Writable scratch directories. */
  readonly scratch: { readonly volumes: Volume[]; readonly mounts: VolumeMount[] };
  readonly config?: PlannedConfig;
  readonly delivery: Delivery;
  /** The proxy the pod's download step goes through (egress goes to it instead of the internet). */
  readonly downloadProxy?: ParsedProxy;
  readonly security: PodSecurityOptions;
  readonly nodePool?: IGpuNodePool;
  readonly startupTimeout: number;
  /** Deployment `progressDeadlineSeconds` and Knative's progress deadline. */
  readonly progressDeadlineSeconds: number;
  /** Roll with `Recreate` instead of a rolling update. */
  readonly recreate: boolean;
  readonly scaling: AutoscalingPlan;
  /** PromQL label matchers that select this model's series. */
  readonly seriesSelector: string;
  readonly allowFrom: readonly NetworkPeer[];
  readonly knativeIngressNamespaces: readonly string[];
  readonly sideIngress: readonly SideIngress[];
  readonly monitoring?: MonitoringOptions;
  /** TLS on the serving port (the engine terminates it). */
  readonly tls: boolean;
  /** The service mesh the pods join. */
  readonly mesh?: ServiceMesh;
  /** Read-only files the family's props add (volumes of the pod, mounts of the serving container). */
  readonly files: { readonly volumes: Volume[]; readonly mounts: VolumeMount[] };
  /** Metadata, pull secrets, scheduling, identity, extra volumes and env the user added (validated). */
  readonly platform: PlatformOptions;
}

/**
 * Pod names per mode, as a PromQL regex (anchored): Deployment pods are `<name>-<hash>-<id>`, KServe
 * Standard pods `<name>-predictor-<hash>-<id>`, Knative pods `<name>-predictor-<revision>-deployment-<hash>-<id>`.
 */
const POD_NAME_PATTERN: Readonly<Record<ServingMode, (name: string) => string>> = {
  [ServingMode.DEPLOYMENT]: name => `${name}-[a-z0-9]+-[a-z0-9]+`,
  [ServingMode.KSERVE]: name => `${name}-predictor-[a-z0-9]+-[a-z0-9]+`,
  [ServingMode.KSERVE_SERVERLESS]: name => `${name}-predictor-[0-9]+-deployment-[a-z0-9]+-[a-z0-9]+`,
};

/** Check every prop and apply every default, once: the plan the builders work from. */
export function resolveServing<P extends ServingBase>(family: ServingFamily<P>, props: P, ctx: ServingContext): ServingPlan {
  const { path, name } = ctx;
  const base = resolveBase(family, props, ctx);
  const engine = family.engineFor(base.mode, props);
  const kserve = isKServe(base.mode);
  const port = kserve ? KSERVE_PORT : engine.defaultPort;
  const tuning = family.tuning(props, path);
  const res = resolveResources(family, props, path);
  const serverless = base.mode === ServingMode.KSERVE_SERVERLESS;
  const proxy = validateDownloadProxy(path, props.downloadProxy);
  const adapters = family.adapters?.(props, { path, servedName: name });
  // adapters come with the model from its cache, unless the user chose downloads in the serving pod
  const adaptersInPod = adapters !== undefined && props.allowServingPodEgressForDownload === true;
  const baseDelivery = family.weights ? family.weights(props, { path, kserve, security: props }) : planDelivery({
    path, name, namespace: base.namespace, model: props.model as HuggingFaceModel, kserve, serverless,
    kserveRuntime: engine.kserveRuntime !== undefined, hfToken: props.hfToken, cache: props.cache, modelStorage: res.modelStorage,
    security: props, options: props, downloadProxy: props.downloadProxy, otherPodDownloads: adaptersInPod,
    ...(adapters && !adaptersInPod ? { loraAdapters: adapters } : {}),
  });
  const lora = planLoraAdapters(adapters, {
    path, inCache: !adaptersInPod, hfToken: props.hfToken, downloadProxy: props.downloadProxy, security: props, offline: base.offline,
  });
  const delivery = withLoraAdapters(baseDelivery, lora, props.downloadProxy);
  if (serverless) requireServerlessDownloadSteps(path, props, baseDelivery, adaptersInPod);
  // the proxy serves a download in these pods, or the download Job of the cache made for the model
  if (proxy && !delivery.downloadsInPod && !delivery.autoCache) {
    throw new ValidationError(path, 'downloadProxy', props.downloadProxy!.httpsProxy,
      `has nothing to proxy: no download step runs in these pods (${delivery.kind})`,
      'set downloadProxy on the ModelCache that downloads the weights, or drop it here');
  }
  validateModelSource(path, props, delivery, serverless);
  validateExpose(path, props.expose, base.mode);
  resolveTls(path, props, engine, base.mode);
  const engineCtx: EngineContext = {
    name, model: props.model, modelPath: MODEL_DIR, gpus: base.gpus, port, tuning, apiKey: props.apiKey !== undefined,
    ...(props.tls ? { tls: TLS_FILES } : {}),
  };
  const extraArgs = props.extraArgs ?? [];
  validateExtraArgs(path, engine, extraArgs);
  if (engine.kserveRuntimeBackend) validateKServeRuntimeArgs(path, engine.kserveRuntimeBackend, extraArgs, tuning.vllmBackendCheck !== false);
  validateParallelism(path, engine, base.gpus, extraArgs, props.nodePool);
  if (props.monitoring) validateMonitoring(path, props.monitoring, base.mode, engine);
  validatePeers(path, props.allowFrom);
  if (serverless) refuseServerlessAllowFrom(path, props.allowFrom);
  const knativeIngressNamespaces = resolveKnativeNamespaces(path, props.knativeIngressNamespaces);
  const scratchDirs: ScratchDir[] = [...baselineScratch(res.shmSize), ...engine.scratch];
  const scratch = scratchParts(scratchDirs);
  const config = engine.configFiles?.(engineCtx);
  const env = resolveEnv(path, engine, props, scratch.env, config);
  const familyFiles = family.files?.(props) ?? { volumes: [], mounts: [] };
  const tlsFiles = props.tls ? tlsVolume(name, props.tls) : { volumes: [], mounts: [] };
  const files = { volumes: [...familyFiles.volumes, ...tlsFiles.volumes], mounts: [...familyFiles.mounts, ...tlsFiles.mounts] };
  validatePlatform(props, {
    path, serverless, pool: props.nodePool,
    owned: {
      // KServe's storage initializer adds its own volume and mounts it at the model directory
      volumeNames: [...scratch.volumes, ...delivery.volumes, ...files.volumes].map(v => v.name)
        .concat([CONFIG_VOLUME_NAME, KSERVE_STORAGE_VOLUME, KSERVE_PVC_VOLUME]),
      mountPaths: [...scratch.mounts, ...delivery.serverMounts, ...files.mounts].map(m => m.mountPath)
        .concat(config ? [config.mountPath] : [], [MODEL_DIR]),
    },
    managedEnv: new Set(env.map(e => e.name)),
    serviceAccountSecrets: delivery.serviceAccountSecrets,
  });
  const labels = standardLabels(name, family.component);
  const seriesSelector = `namespace="${base.namespace}",pod=~"${POD_NAME_PATTERN[base.mode](name)}"`;
  const scaling = planAutoscaling({
    path, name, namespace: base.namespace, mode: base.mode, engine, labels, replicas: props.replicas, autoscaling: props.autoscaling,
    monitoringNamespace: props.monitoring?.namespace, seriesSelector,
  });
  requireSharableWeights(path, props.autoscaling ? 'autoscaling.maxReplicas' : 'replicas', delivery, scaling.maxReplicas);
  // pods of a cache made here wait (marker check, or restarts in serverless) while its Job downloads
  const cacheWait = delivery.autoCache ? MODEL_CACHE_DEFAULTS.downloadTimeoutSeconds : 0;
  const progressDeadlineSeconds = base.startupTimeout + ROLLOUT_MARGIN + cacheWait;
  return {
    path, name, namespace: base.namespace, mode: base.mode, kserve, knative: base.mode === ServingMode.KSERVE_SERVERLESS,
    labels, podSelector: selectorLabels(name, family.component), engine, engineCtx, port, gpus: base.gpus,
    gpuResource: props.nodePool?.gpuResource ?? GPU_RESOURCE, cpu: res.cpu, memory: res.memory,
    ephemeralStorage: ephemeralBudget(scratchDirs, delivery),
    image: props.image ?? engine.image(base.gpus), imageOverride: props.image,
    args: [...engineArgs(engine, engineCtx), ...(lora?.args ?? []), ...(props.tls && engine.tls ? engine.tls.args(TLS_FILES) : []), ...extraArgs],
    env, scratch, config, delivery, downloadProxy: proxy,
    security: props, nodePool: props.nodePool,
    startupTimeout: base.startupTimeout, progressDeadlineSeconds, recreate: family.recreate?.(props) ?? false,
    scaling, seriesSelector, allowFrom: props.allowFrom ?? [], knativeIngressNamespaces, sideIngress: family.sideIngress?.(props) ?? [],
    monitoring: props.monitoring, files, platform: props, tls: props.tls !== undefined, mesh: props.mesh,
  };
}

/** Name, namespace, mode, GPUs, replicas, secrets, model, security, cache, image and startup budget. */
function resolveBase<P extends ServingBase>(family: ServingFamily<P>, props: P, ctx: ServingContext) {
  const { path, name } = ctx;
  if (!isDnsLabel(name, 45)) {
    throw new ValidationError(path, 'name', name, 'is not a DNS-1035 label of at most 45 characters',
      'use lower-case letters, digits and "-", starting with a letter (KServe appends "-predictor" and more)');
  }
  const namespace = requireNamespace(path, ctx.namespace);
  const mode = props.mode ?? ServingMode.KSERVE;
  validateMode(path, mode);
  validateKnativeFeatures(path, props.knativeFeatures);
  const gpus = props.gpus ?? family.defaultGpus;
  validateGpus(path, gpus, family.minGpus, family.construct);
  validateCount(path, 'replicas', props.replicas ?? 1, 1);
  validateSecretRef(path, 'hfToken', props.hfToken);
  validateSecretRef(path, 'apiKey', props.apiKey);
  if (!family.weights) validateModel(props.model as HuggingFaceModel, path);
  validateSecurity(path, props);
  if (props.cache && props.model && !props.cache.model.sameAs(props.model)) {
    throw new ValidationError(path, 'cache', `${props.cache.model.id}@${props.cache.model.revision}`,
      `holds a different model than ${props.model.id}@${props.model.revision}`, 'pass model: cache.model');
  }
  // the pod must not reach the Hub: by default only with a given cache (LoRA adapters downloaded in the pod need it off)
  const offline = props.offline ?? props.cache !== undefined;
  if (props.offline === true && props.allowServingPodEgressForDownload === true) {
    throw new ValidationError(path, 'offline', true, 'contradicts allowServingPodEgressForDownload: the pod downloads the weights itself',
      'drop allowServingPodEgressForDownload (the weights then come from a ModelCache), or drop offline: true');
  }
  if (props.image !== undefined) validateImage(path, 'image', props.image);
  const startupTimeout = props.startupTimeoutSeconds ?? DEFAULT_STARTUP_TIMEOUT;
  validateCount(path, 'startupTimeoutSeconds', startupTimeout, 60, MAX_STARTUP_TIMEOUT);
  return { namespace, mode, gpus, startupTimeout, offline };
}

/** CPU, memory, shared memory and model storage, defaulted and checked. */
function resolveResources<P extends ServingBase>(family: ServingFamily<P>, props: P, path: string) {
  const res = props.resources ?? {};
  const cpu = res.cpu ?? family.defaultResources.cpu;
  const memory = res.memory ?? family.defaultResources.memory;
  const shmSize = res.shmSize ?? SECURE_DEFAULTS.shmSize;
  const modelStorage = res.modelStorage ?? DEFAULT_MODEL_STORAGE;
  requireQuantity(path, 'resources.cpu', cpu, '4');
  const memBytes = requireQuantity(path, 'resources.memory', memory, '32Gi');
  const shmBytes = requireQuantity(path, 'resources.shmSize', shmSize, '2Gi');
  requireQuantity(path, 'resources.modelStorage', modelStorage, '50Gi');
  if (memBytes < parseQuantity(MIN_SERVER_MEMORY)!) {
    throw new ValidationError(path, 'resources.memory', memory, `is below ${MIN_SERVER_MEMORY}, too little for a model server`,
      'give the memory the model needs, e.g. "8Gi"');
  }
  if (shmBytes < parseQuantity(MIN_SHM_SIZE)!) {
    throw new ValidationError(path, 'resources.shmSize', shmSize, `is below ${MIN_SHM_SIZE}, the container runtime's own default`,
      'give e.g. "2Gi", or leave it out');
  }
  if (shmBytes > memBytes) {
    throw new ValidationError(path, 'resources.shmSize', shmSize, `exceeds the memory limit ${memory}`, 'lower shmSize or raise resources.memory');
  }
  return { cpu, memory, shmSize, modelStorage };
}

function resolveKnativeNamespaces(path: string, given: readonly string[] | undefined): readonly string[] {
  const namespaces = given ?? KNATIVE_INGRESS_NAMESPACES;
  namespaces.forEach((ns, i) => {
    if (!isDnsLabel(ns)) throw new ValidationError(path, `knativeIngressNamespaces[${i}]`, ns, 'is not a namespace name',
      'give e.g. "knative-serving"');
  });
  return namespaces;
}

/** The container env: telemetry and offline switches, the engine's own, scratch paths, API key, config digest, then the user's. */
function resolveEnv(path: string, engine: Engine, props: ServingBase, scratchEnv: readonly EnvVar[], config: PlannedConfig | undefined): EnvVar[] {
  // a config change must roll the pods: the ConfigMap keeps its stable name, the container sees the digest
  const configEnv: EnvVar[] = config ? [{ name: CONFIG_DIGEST_ENV,
    value: createHash('sha256').update(JSON.stringify(config.files)).digest('hex') }] : [];
  const env: EnvVar[] = [
    ...IDENTITY_ENV, ...TELEMETRY_OFF, ...engine.switches.telemetryEnv, ...engine.switches.offlineEnv, ...(engine.env ?? []), ...scratchEnv,
    ...apiKeyVar(path, engine, props), ...configEnv,
  ];
  validateEnv(path, props.env ?? {}, new Set([...env.map(e => e.name), KSERVE_STORAGE_URI_ENV]));
  return [...env, ...Object.entries(props.env ?? {}).map(([k, value]) => ({ name: k, value }))];
}

/**
 * A storage or image model takes no Hub token or mirror; in serverless mode the volume its delivery
 * adds (a claim, an image volume) needs its Knative feature.
 */
function validateModelSource(path: string, p: ServingBase, delivery: Delivery, serverless: boolean): void {
  const m = p.model;
  if (!m || m.source === ModelSource.HUB) return;
  if (p.hfToken) {
    throw new ValidationError(path, 'hfToken', p.hfToken.name, `is a Hub token, and ${m.storageUri} is not a Hub model`,
      'drop hfToken; storage credentials come from the pod\'s identity (serviceAccount annotations: IRSA, Workload Identity)');
  }
  if (!serverless) return;
  for (const v of delivery.volumes) {
    const feature = v.persistentVolumeClaim ? KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM
      : v.image ? KnativeFeature.PODSPEC_VOLUMES_IMAGE : undefined;
    if (feature) {
      requireKnativeFeature({
        path, field: 'model', value: m.storageUri, feature, declared: p.knativeFeatures,
        alternative: 'or use ServingMode.KSERVE or ServingMode.DEPLOYMENT',
      });
    }
  }
}

/**
 * Download steps the library adds as init containers for `loraAdapters` downloaded in the pod and
 * `downloadProxy` need Knative's init-containers feature in serverless mode (KServe's own storage
 * initializer is injected at pod creation, after Knative's validation; see
 * `KnativeFeature.PODSPEC_INIT_CONTAINERS`). Adapters in the model's cache need nothing: KServe mounts
 * the model's directory, adapters included.
 */
function requireServerlessDownloadSteps(path: string, p: ServingBase & { readonly loraAdapters?: unknown }, base: Delivery,
  adaptersInPod: boolean): void {
  const uses: [string, unknown][] = [];
  if (adaptersInPod) uses.push(['loraAdapters', (p.loraAdapters as { name?: unknown }[]).map(a => a?.name)]);
  if (p.downloadProxy !== undefined && base.initContainers.length > 0) uses.push(['downloadProxy', p.downloadProxy.httpsProxy]);
  for (const [field, value] of uses) {
    requireKnativeFeature({
      path, field, value, feature: KnativeFeature.PODSPEC_INIT_CONTAINERS, declared: p.knativeFeatures,
      alternative: 'or use ServingMode.KSERVE or ServingMode.DEPLOYMENT',
    });
  }
}

/**
 * `tls` needs an engine that terminates TLS and a mode where the engine faces its clients: Knative's
 * queue-proxy speaks plain HTTP to the container. Exposure through a Gateway and monitors would
 * speak plain HTTP to the TLS port, so those combinations are refused too.
 */
function resolveTls(path: string, p: ServingBase, engine: Engine, mode: ServingMode): void {
  validateTls(path, p.tls, p.mesh);
  if (!p.tls) return;
  const value = '<certificate>';
  if (mode === ServingMode.KSERVE_SERVERLESS) {
    throw new ValidationError(path, 'tls', value,
      `cannot be served in ${ServingMode.KSERVE_SERVERLESS} mode: Knative's queue-proxy reaches the container over ${KNATIVE_USER_CONTAINER_SCHEME}`,
      'use mesh: "istio", or Knative\'s own encryption (config-network system-internal-tls), or ServingMode.KSERVE / DEPLOYMENT');
  }
  if (!engine.tls) {
    throw new ValidationError(path, 'tls', value, `is not supported by the ${engine.id} engine, which serves plain HTTP only`,
      'use mesh: "istio" (mTLS by the sidecar), or an engine with its own TLS (vLLM, TorchServe)');
  }
  if (p.expose) {
    throw new ValidationError(path, 'tls', value, 'is set with expose: the Gateway would speak plain HTTP to the TLS port',
      'drop tls (TLS terminates on the Gateway listener), or use mesh: "istio"');
  }
  if (p.monitoring) {
    throw new ValidationError(path, 'tls', value, 'is set with monitoring: the monitors scrape the serving port over plain HTTP',
      'drop monitoring, or use mesh: "istio"');
  }
}

function validateSecurity(path: string, p: ServingBase): void {
  for (const field of ['runAsUser', 'runAsGroup'] as const) {
    const v = p[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > INT32_MAX)) {
      throw new ValidationError(path, field, v, 'must be a positive integer (root is never allowed)', 'use a non-zero UID/GID, e.g. 10001');
    }
  }
}

function apiKeyVar(path: string, engine: Engine, p: ServingBase): EnvVar[] {
  if (!p.apiKey) return [];
  const envName = engine.switches.apiKeyEnv;
  if (!envName) {
    throw new ValidationError(path, 'apiKey', p.apiKey.name, `is not supported by the ${engine.id} engine`,
      'use a mode whose engine checks API keys, or enforce keys at a gateway');
  }
  return [{ name: envName, valueFrom: { secretKeyRef: { name: p.apiKey.name, key: p.apiKey.key } } }];
}

/** Ephemeral storage covering every disk-backed emptyDir plus logs and the writable layer. */
function ephemeralBudget(scratch: readonly ScratchDir[], delivery: Delivery): string {
  const sizes = scratch.filter(d => !d.memory).map(d => parseQuantity(d.sizeLimit) ?? 0);
  const model = delivery.ephemeralBytesHint ? parseQuantity(delivery.ephemeralBytesHint) ?? 0 : 0;
  const total = sizes.reduce((a, b) => a + b, 0) + model + 2 ** 30;
  return `${Math.ceil(total / 2 ** 30)}Gi`;
}
