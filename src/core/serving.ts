import { AutoscalingPlan, planAutoscaling } from './autoscaling';
import { disruptionBudget, topologySpread } from './availability';
import { createHash } from 'crypto';
import { planDelivery, Delivery, MODEL_DIR } from './delivery';
import { Engine, EngineContext, engineArgs } from './engines/engine';
import { ValidationError } from './errors';
import { Container, EnvVar, KubeObject, PodFields, Probe } from './kube';
import { isDnsLabel, selectorLabels, standardLabels } from './labels';
import { HuggingFaceModel, validateModel } from './model';
import { monitoringObjects, validateMonitoring } from './monitoring';
import { NetworkPeer, networkPolicies, peerSelector, validatePeers } from './network';
import { validateParallelism } from './parallelism';
import {
  baselineScratch, hardenedContainer, PodSecurityOptions, podSecurityContext, podSwitches, scratchParts, ScratchDir, SECURE_DEFAULTS, TELEMETRY_OFF,
} from './pod-security';
import { parseQuantity, requireQuantity } from './quantity';
import { GPU_RESOURCE, IGpuNodePool } from './scheduling';
import { ServingProps } from './serving-props';
import { isKServe, KSERVE_DEPLOYMENT_MODE, ServingMode } from './serving-mode';
import {
  validateCount, validateEnv, validateExtraArgs, validateGpus, validateImage, validateMode, validateSecretRef,
} from './validate';

/** The props `renderServing` reads: the shared props, with `model` optional for families that bring their own weights. */
export type ServingBase = Omit<ServingProps, 'model'> & { readonly model?: HuggingFaceModel };

/** What a family's own weights source learns about the deployment. */
export interface WeightsContext {
  readonly path: string;
  readonly kserve: boolean;
  readonly security: PodSecurityOptions;
}

/** An extra ingress rule: a port open only to the named peers. */
export interface SideIngress {
  readonly port: number;
  readonly from: readonly NetworkPeer[];
}

/** What distinguishes one serving construct from another: data, not code paths. */
export interface ServingFamily<P extends ServingBase> {
  /** Public class name, used in messages. */
  readonly construct: string;
  /** `app.kubernetes.io/component` of its pods. */
  readonly component: string;
  /** Fewest GPUs the engine accepts. */
  readonly minGpus: number;
  /** GPUs when `gpus` is not given. */
  readonly defaultGpus: number;
  /** CPU and memory when `resources` does not say. */
  readonly defaultResources: { readonly cpu: string; readonly memory: string };
  /** The engine for a mode and props. */
  readonly engineFor: (mode: ServingMode, props: P) => Engine;
  /** Validate engine-specific props and return the engine tuning values. */
  readonly tuning: (props: P, path: string) => EngineContext['tuning'];
  /** Flag → the prop that owns it, for `extraArgs` errors. */
  readonly ownedProps: Readonly<Record<string, string>>;
  /**
   * Weights that are not a Hub model (e.g. TorchServe's model store). Absent: `props.model` is
   * required and delivered by `planDelivery`.
   */
  readonly weights?: (props: P, ctx: WeightsContext) => Delivery;
  /** True: stop old pods before new ones start (`Recreate`), so one Service never serves two model revisions. */
  readonly recreate?: (props: P) => boolean;
  /** Ports beyond the serving port, each open only to its peers (never in the Service). */
  readonly sideIngress?: (props: P) => readonly SideIngress[];
}

/** Where a construct lives. */
export interface ServingContext {
  /** Construct path for messages (`serving/falcon-7b`). */
  readonly path: string;
  /** Object name (`falcon-7b`). */
  readonly name: string;
  /** Namespace. */
  readonly namespace?: string;
}

/** The rendered objects and outputs of a serving construct. */
export interface RenderedServing {
  /** Every object, in apply order. */
  readonly objects: KubeObject[];
  /** In-cluster URL of the service root. */
  readonly url: string;
  /** Base path of the OpenAI-compatible API. */
  readonly apiBasePath: string;
  /** Engine chosen. */
  readonly engine: Engine;
  /** Mode used. */
  readonly mode: ServingMode;
  /** How the weights arrive. */
  readonly delivery: Delivery;
  /** Labels that select the serving pods. */
  readonly podSelector: Record<string, string>;
  /** Port the server listens on. */
  readonly port: number;
}

/** Port every KServe predictor container listens on. */
const KSERVE_PORT = 8080;
/** Port of Knative's queue-proxy, where Knative traffic enters the pod. */
const KNATIVE_QUEUE_PORT = 8012;
/**
 * Port where queue-proxy serves the request statistics the Knative autoscaler scrapes
 * (knative.dev/networking `AutoscalingQueueMetricsPort`).
 */
const KNATIVE_AUTOSCALER_METRICS_PORT = 9090;
/** Namespace of the Knative autoscaler and activator. */
const KNATIVE_SERVING_NAMESPACE = 'knative-serving';
/** Namespaces of the Knative activator and the (Istio) ingress gateway; see `knativeIngressNamespaces`. */
const KNATIVE_INGRESS_NAMESPACES = [KNATIVE_SERVING_NAMESPACE, 'istio-system'];
const DEFAULT_MODEL_STORAGE = '50Gi';
/** Environment variable carrying the SHA-256 of an engine's rendered config files. */
export const CONFIG_DIGEST_ENV = 'HF_SERVING_CONFIG_SHA256';
const DEFAULT_STARTUP_TIMEOUT = 1800;

/** Validate common props, then render the ServiceAccount, workload and network policies. */
export function renderServing<P extends ServingBase>(family: ServingFamily<P>, props: P, ctx: ServingContext): RenderedServing {
  const { path, name } = ctx;
  if (!isDnsLabel(name, 45)) {
    throw new ValidationError(path, 'name', name, 'is not a DNS-1035 label of at most 45 characters',
      'use lower-case letters, digits and "-", starting with a letter (KServe appends "-predictor" and more)');
  }
  const namespace = requireNamespace(path, ctx.namespace);
  const mode = props.mode ?? ServingMode.KSERVE;
  validateMode(path, mode);
  const gpus = props.gpus ?? family.defaultGpus;
  validateGpus(path, gpus, family.minGpus, family.construct);
  const replicas = props.replicas ?? 1;
  validateCount(path, 'replicas', replicas, 1);
  validateSecretRef(path, 'hfToken', props.hfToken);
  validateSecretRef(path, 'apiKey', props.apiKey);
  if (!family.weights) validateModel(props.model as HuggingFaceModel, path);
  validateSecurity(path, props);
  if (props.cache && props.model && !props.cache.model.sameAs(props.model)) {
    throw new ValidationError(path, 'cache', `${props.cache.model.id}@${props.cache.model.revision}`, `holds a different model than ${props.model.id}@${props.model.revision}`,
      'pass model: cache.model');
  }
  const offline = props.offline ?? props.cache !== undefined;
  if (offline && !props.cache) {
    throw new ValidationError(path, 'offline', true, 'has nothing to load from: without a cache the pod must download the weights',
      'add cache: new ModelCache(...), or drop offline: true');
  }
  if (props.image !== undefined) validateImage(path, 'image', props.image);
  const startupTimeout = props.startupTimeoutSeconds ?? DEFAULT_STARTUP_TIMEOUT;
  validateCount(path, 'startupTimeoutSeconds', startupTimeout, 60);

  const engine = family.engineFor(mode, props);
  const kserve = isKServe(mode);
  const port = kserve ? KSERVE_PORT : engine.defaultPort;
  const tuning = family.tuning(props, path);
  const res = props.resources ?? {};
  const cpu = res.cpu ?? family.defaultResources.cpu;
  const memory = res.memory ?? family.defaultResources.memory;
  const shmSize = res.shmSize ?? SECURE_DEFAULTS.shmSize;
  const modelStorage = res.modelStorage ?? DEFAULT_MODEL_STORAGE;
  requireQuantity(path, 'resources.cpu', cpu, '4');
  const memBytes = requireQuantity(path, 'resources.memory', memory, '32Gi');
  const shmBytes = requireQuantity(path, 'resources.shmSize', shmSize, '2Gi');
  requireQuantity(path, 'resources.modelStorage', modelStorage, '50Gi');
  if (shmBytes > memBytes) {
    throw new ValidationError(path, 'resources.shmSize', shmSize, `exceeds the memory limit ${memory}`, 'lower shmSize or raise resources.memory');
  }

  const delivery = family.weights ? family.weights(props, { path, kserve, security: props }) : planDelivery({
    model: props.model as HuggingFaceModel, kserve, kserveRuntime: engine.kserveRuntime !== undefined, hfToken: props.hfToken, cache: props.cache, modelStorage, security: props,
  });
  const engineCtx: EngineContext = { name, model: props.model, modelPath: MODEL_DIR, gpus, port, tuning };
  const extraArgs = props.extraArgs ?? [];
  validateExtraArgs(path, engine, extraArgs, family.ownedProps);
  validateParallelism(path, engine, gpus, extraArgs, props.nodePool);
  if (props.monitoring) validateMonitoring(path, props.monitoring, mode, engine);
  validatePeers(path, props.allowFrom);
  const knativeNamespaces = props.knativeIngressNamespaces ?? KNATIVE_INGRESS_NAMESPACES;
  knativeNamespaces.forEach((ns, i) => {
    if (!isDnsLabel(ns)) throw new ValidationError(path, `knativeIngressNamespaces[${i}]`, ns, 'is not a namespace name', 'give e.g. "knative-serving"');
  });

  const scratch: ScratchDir[] = [...baselineScratch(shmSize), ...engine.scratch];
  const sp = scratchParts(scratch);
  const apiKeyEnv = apiKeyVar(path, engine, props);
  const config = engine.configFiles?.(engineCtx);
  // a config change must roll the pods: the ConfigMap keeps its stable name, the container sees the digest
  const configEnv: EnvVar[] = config ? [{ name: CONFIG_DIGEST_ENV, value: createHash('sha256').update(JSON.stringify(config.files)).digest('hex') }] : [];
  const env: EnvVar[] = [
    ...TELEMETRY_OFF, ...engine.switches.telemetryEnv, ...engine.switches.offlineEnv, ...(engine.env ?? []), ...sp.env, ...apiKeyEnv, ...configEnv,
  ];
  validateEnv(path, props.env ?? {}, new Set(env.map(e => e.name)));
  env.push(...Object.entries(props.env ?? {}).map(([k, value]) => ({ name: k, value })));

  const gpuResource = props.nodePool?.gpuResource ?? GPU_RESOURCE;
  const ephemeral = ephemeralBudget(scratch, delivery);
  const resources = {
    requests: { 'cpu': cpu, 'memory': memory, 'ephemeral-storage': ephemeral, ...(gpus > 0 ? { [gpuResource]: gpus } : {}) },
    limits: { 'cpu': cpu, 'memory': memory, 'ephemeral-storage': ephemeral, ...(gpus > 0 ? { [gpuResource]: gpus } : {}) },
  };
  const probes = probesFor(mode, engine, engineCtx, startupTimeout);
  const labels = standardLabels(name, family.component);
  const configMap: KubeObject[] = config
    ? [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `${name}-config`, namespace, labels }, data: { ...config.files } }]
    : [];
  const container = hardenedContainer({
    name: kserve ? 'kserve-container' : 'server',
    image: props.image ?? engine.image(gpus),
    command: engine.command?.(engineCtx),
    args: [...engineArgs(engine, engineCtx), ...extraArgs],
    env,
    ports: [{ name: kserve ? 'http1' : 'http', containerPort: port, protocol: 'TCP' }],
    resources,
    volumeMounts: [...sp.mounts, ...delivery.serverMounts, ...(config ? [{ name: 'config', mountPath: config.mountPath, readOnly: true }] : [])],
    probes,
    security: props,
    workingDir: engine.workingDir,
  });

  const podSelector = selectorLabels(name, family.component);
  const seriesSelector = `namespace="${namespace}",pod=~"${POD_NAME_PATTERN[mode](name)}"`;
  const scaling = planAutoscaling({
    path, name, namespace, mode, engine, labels, replicas: props.replicas, autoscaling: props.autoscaling,
    monitoringNamespace: props.monitoring?.namespace, seriesSelector,
  });
  const spread = topologySpread(scaling.maxReplicas, podSelector);
  const pod: PodFields = {
    serviceAccountName: name,
    ...podSwitches(props),
    securityContext: podSecurityContext(props),
    ...(delivery.initContainers.length > 0 ? { initContainers: delivery.initContainers } : {}),
    volumes: [...sp.volumes, ...delivery.volumes, ...(config ? [{ name: 'config', configMap: { name: `${name}-config` } }] : [])],
    ...placement(props.nodePool),
    ...(spread.length > 0 ? { topologySpreadConstraints: spread } : {}),
  };
  const meta = { name, namespace, labels };
  const serviceAccount: KubeObject = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: meta,
    automountServiceAccountToken: false,
    ...(delivery.serviceAccountSecrets.length > 0 ? { secrets: delivery.serviceAccountSecrets.map(s => ({ name: s })) } : {}),
  };
  const recreate = family.recreate?.(props) ?? false;
  const workload = kserve
    ? [inferenceService({ meta, mode, engine, gpus, scaling, pod, container, delivery, image: props.image, labels, startupTimeout, recreate })]
    : deploymentObjects({ meta, pod, container, scaling, gpus, podSelector, labels, startupTimeout, recreate });
  const knative = mode === ServingMode.KSERVE_SERVERLESS;
  const policies = networkPolicies({
    name, namespace, labels, podSelector,
    servingPorts: knative ? [KNATIVE_QUEUE_PORT] : [port],
    allowFrom: props.allowFrom ?? [],
    extraIngress: [
      ...(knative ? [{
        from: knativeNamespaces.map(ns => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } })),
        ports: [{ protocol: 'TCP', port: KNATIVE_QUEUE_PORT }],
      }, {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': KNATIVE_SERVING_NAMESPACE } } }],
        ports: [{ protocol: 'TCP', port: KNATIVE_AUTOSCALER_METRICS_PORT }],
      }] : []),
      ...(family.sideIngress?.(props) ?? []).map(r => ({ from: r.from.map(peerSelector), ports: [{ protocol: 'TCP', port: r.port }] })),
    ],
    httpsEgress: delivery.downloadsInPod,
    ...(props.monitoring ? { metrics: { namespace: props.monitoring.namespace, port } } : {}),
  });
  const monitoring = props.monitoring
    ? monitoringObjects(props.monitoring, { path, name, namespace, mode, engine, labels, podSelector, portName: container.ports![0].name, seriesSelector })
    : [];
  const pdb = disruptionBudget(name, namespace, labels, podSelector);
  const host = kserve ? `${name}-predictor` : name;
  return {
    objects: [serviceAccount, ...configMap, ...workload, ...scaling.objects, pdb, ...policies, ...monitoring],
    url: `http://${host}.${namespace}.svc.cluster.local`,
    apiBasePath: engine.routes.openaiBase,
    engine, mode, delivery, podSelector, port,
  };
}

/** The namespace a construct deploys into: set, and not `default` or `kube-system`. */
export function requireNamespace(path: string, namespace: string | undefined): string {
  if (!namespace) {
    throw new ValidationError(path, 'namespace', namespace, 'is not set', 'give the Chart a namespace (new Chart(app, id, { namespace })) or pass namespace to the component');
  }
  if (namespace === 'default' || namespace === 'kube-system' || !isDnsLabel(namespace.replace(/^[0-9]/, 'n'))) {
    throw new ValidationError(path, 'namespace', namespace, 'is not a dedicated namespace', 'deploy models into their own namespace, e.g. "ml-serving"');
  }
  return namespace;
}

function validateSecurity(path: string, p: ServingBase): void {
  for (const field of ['runAsUser', 'runAsGroup'] as const) {
    const v = p[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) {
      throw new ValidationError(path, field, v, 'must be a positive integer (root is never allowed)', 'use a non-zero UID/GID, e.g. 1000');
    }
  }
}

function apiKeyVar(path: string, engine: Engine, p: ServingBase): EnvVar[] {
  if (!p.apiKey) return [];
  const envName = engine.switches.apiKeyEnv;
  if (!envName) {
    throw new ValidationError(path, 'apiKey', p.apiKey.name, `is not supported by the ${engine.id} engine`, 'use a mode whose engine checks API keys, or enforce keys at a gateway');
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

/**
 * Probes per mode. The startup probe allows `startupTimeout` for download and load; Knative has no
 * startup probes, so there the liveness probe waits as long and the progress deadline is raised.
 */
function probesFor(mode: ServingMode, engine: Engine, ctx: EngineContext, startupTimeout: number): { startup?: Probe; readiness: Probe; liveness: Probe } {
  const get = (p: string) => ({ httpGet: { path: p, port: ctx.port } });
  const h = engine.probeHandlers?.(ctx)
    ?? { startup: get(engine.routes.startup(ctx)), readiness: get(engine.routes.readiness(ctx)), liveness: get(engine.routes.liveness(ctx)) };
  const readiness: Probe = { ...h.readiness, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  const liveness: Probe = { ...h.liveness, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 };
  if (mode === ServingMode.KSERVE_SERVERLESS) {
    return { readiness, liveness: { ...liveness, initialDelaySeconds: startupTimeout } };
  }
  const startup: Probe = { ...h.startup, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: Math.ceil(startupTimeout / 10) };
  return { startup, readiness, liveness };
}

function placement(pool: IGpuNodePool | undefined): Partial<PodFields> {
  if (!pool) return {};
  const exprs = Object.entries(pool.nodeSelector).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  return {
    ...(exprs.length > 0 ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } } } : {}),
    ...(pool.tolerations.length > 0 ? { tolerations: pool.tolerations.map(t => ({ ...t })) } : {}),
  };
}

interface WorkloadInputs {
  readonly meta: { name: string; namespace: string; labels: Record<string, string> };
  readonly pod: PodFields;
  readonly container: Container;
  readonly scaling: AutoscalingPlan;
  readonly gpus: number;
  readonly labels: Record<string, string>;
  readonly startupTimeout: number;
  /** Roll with `Recreate` instead of a rolling update. */
  readonly recreate: boolean;
}

/** Rolling update of GPU workloads: never a surge pod (see {@link deploymentObjects}). */
const GPU_ROLLING_UPDATE = { maxSurge: 0, maxUnavailable: 1 };

/**
 * `deploymentStrategy` of a KServe Standard predictor (Knative rolls revisions itself): `Recreate` when the
 * family asks for it; for GPUs a rolling update without surge, since KServe otherwise rolls with
 * maxSurge 25% (one extra GPU pod the pool may not have); else KServe's default.
 */
function kserveStrategy(mode: ServingMode, gpus: number, recreate: boolean): Record<string, unknown> {
  if (mode !== ServingMode.KSERVE) return {};
  if (recreate) return { deploymentStrategy: { type: 'Recreate' } };
  return gpus > 0 ? { deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { ...GPU_ROLLING_UPDATE } } } : {};
}

/**
 * Deployment and ClusterIP Service. GPU workloads roll with `maxSurge: 0`: a surge pod would need
 * GPUs the pool may not have, and would sit Pending while the rollout stalls; instead one old pod
 * goes first (`maxUnavailable: 1`), freeing its GPUs for the new one. A Deployment whose count an
 * autoscaler owns omits `replicas`, so re-applying the manifest does not reset the count.
 */
function deploymentObjects(w: WorkloadInputs & { podSelector: Record<string, string> }): KubeObject[] {
  const rollingUpdate = w.gpus > 0 ? GPU_ROLLING_UPDATE : { maxSurge: 1, maxUnavailable: 0 };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: w.meta,
      spec: {
        ...(w.scaling.deploymentReplicas !== undefined ? { replicas: w.scaling.deploymentReplicas } : {}),
        selector: { matchLabels: w.podSelector },
        strategy: w.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate },
        progressDeadlineSeconds: w.startupTimeout + 600,
        template: { metadata: { labels: w.labels }, spec: { ...w.pod, containers: [w.container] } },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: w.meta,
      spec: {
        type: 'ClusterIP',
        selector: w.podSelector,
        ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    },
  ];
}

function inferenceService(w: WorkloadInputs & { mode: ServingMode; engine: Engine; delivery: Delivery; image?: string }): KubeObject {
  const rt = w.engine.kserveRuntime;
  const knative = w.mode === ServingMode.KSERVE_SERVERLESS;
  const annotations: Record<string, string> = {
    'serving.kserve.io/deploymentMode': KSERVE_DEPLOYMENT_MODE[w.mode],
    ...w.scaling.annotations,
  };
  const { image, ...containerNoImage } = w.container;
  const predictorBody = rt
    ? {
      model: {
        modelFormat: { name: rt.modelFormat },
        runtime: rt.runtime,
        ...(w.image ? { image } : { runtimeVersion: rt.runtimeVersion(w.gpus) }),
        ...(w.delivery.storageUri ? { storageUri: w.delivery.storageUri } : {}),
        ...containerNoImage,
      },
    }
    : { containers: [w.container] };
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { ...w.meta, annotations },
    spec: {
      predictor: {
        ...w.scaling.predictor,
        ...kserveStrategy(w.mode, w.gpus, w.recreate),
        labels: w.labels,
        ...(knative ? { annotations: { 'serving.knative.dev/progress-deadline': `${w.startupTimeout + 600}s` } } : {}),
        ...w.pod,
        ...predictorBody,
      },
    },
  };
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
