import { ValidationError } from './errors';

/**
 * What Knative Serving accepts in a revision's PodSpec, as data, and the check that refuses a
 * serverless output carrying a field the cluster's Knative would refuse.
 *
 * KServe copies the predictor's PodSpec into a Knative Service; Knative's webhook then validates it
 * against a field mask: a field behind a `config-features` flag that is off is refused ("must not
 * set the field(s)"), so the InferenceService never gets a revision. Every fact below was read in
 * knative/serving at tag `knative-v1.21.1` (the `knative.dev/serving v0.48.1` that KServe v0.20.0's
 * `go.mod` pins): `pkg/apis/serving/fieldmask.go` (what each mask copies),
 * `pkg/apis/serving/k8s_validation.go` (how it refuses, and the extra port, env, volume rules) and
 * `pkg/apis/config/features.go` (flag keys and defaults). KServe's install enables none of them.
 */

/** Knative Serving release whose webhook rules are encoded here. */
export const KNATIVE_SERVING_VERSION = 'knative-v1.21.1';
/**
 * First Knative Serving release whose `ContainerMask` copies `startupProbe` (knative/serving PR
 * #15309, commit ac7f5859ef, first tagged in knative-v1.15.0 `pkg/apis/serving/fieldmask.go`):
 * older releases refuse the startup probes every serving container carries.
 */
export const KNATIVE_STARTUP_PROBES_SINCE = 'knative-v1.15.0';

/**
 * Keys of Knative's `config-features` ConfigMap (namespace `knative-serving`) that unlock PodSpec
 * fields. Declare the ones your cluster enables with the `knativeFeatures` prop.
 */
export enum KnativeFeature {
  /** `affinity` (e.g. a GPU pool's node affinity). */
  PODSPEC_AFFINITY = 'kubernetes.podspec-affinity',
  /** `dnsConfig`. */
  PODSPEC_DNS_CONFIG = 'kubernetes.podspec-dnsconfig',
  /** `dnsPolicy`. */
  PODSPEC_DNS_POLICY = 'kubernetes.podspec-dnspolicy',
  /** Environment `valueFrom.fieldRef` / `resourceFieldRef`. */
  PODSPEC_FIELD_REF = 'kubernetes.podspec-fieldref',
  /** `hostAliases`. */
  PODSPEC_HOST_ALIASES = 'kubernetes.podspec-hostaliases',
  /** `hostIPC`. */
  PODSPEC_HOST_IPC = 'kubernetes.podspec-hostipc',
  /** `hostNetwork`. */
  PODSPEC_HOST_NETWORK = 'kubernetes.podspec-hostnetwork',
  /** `hostPID`. */
  PODSPEC_HOST_PID = 'kubernetes.podspec-hostpid',
  /** `initContainers`. */
  PODSPEC_INIT_CONTAINERS = 'kubernetes.podspec-init-containers',
  /** `nodeSelector`. */
  PODSPEC_NODE_SELECTOR = 'kubernetes.podspec-nodeselector',
  /** `persistentVolumeClaim` volumes (read-only ones; writable ones also need PODSPEC_PERSISTENT_VOLUME_WRITE). */
  PODSPEC_PERSISTENT_VOLUME_CLAIM = 'kubernetes.podspec-persistent-volume-claim',
  /** Writable `persistentVolumeClaim` volumes. */
  PODSPEC_PERSISTENT_VOLUME_WRITE = 'kubernetes.podspec-persistent-volume-write',
  /** `priorityClassName`. */
  PODSPEC_PRIORITY_CLASS_NAME = 'kubernetes.podspec-priorityclassname',
  /** `runtimeClassName`. */
  PODSPEC_RUNTIME_CLASS_NAME = 'kubernetes.podspec-runtimeclassname',
  /** `schedulerName`. */
  PODSPEC_SCHEDULER_NAME = 'kubernetes.podspec-schedulername',
  /** The pod `securityContext` (runAsUser, runAsGroup, runAsNonRoot, fsGroup, supplementalGroups, seccompProfile; never fsGroupChangePolicy). */
  PODSPEC_SECURITY_CONTEXT = 'kubernetes.podspec-securitycontext',
  /** `shareProcessNamespace`. */
  PODSPEC_SHARE_PROCESS_NAMESPACE = 'kubernetes.podspec-shareprocessnamespace',
  /** `tolerations`. */
  PODSPEC_TOLERATIONS = 'kubernetes.podspec-tolerations',
  /** `topologySpreadConstraints`. */
  PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS = 'kubernetes.podspec-topologyspreadconstraints',
  /** `emptyDir` volumes (enabled by default). */
  PODSPEC_VOLUMES_EMPTYDIR = 'kubernetes.podspec-volumes-emptydir',
  /** `hostPath` volumes. */
  PODSPEC_VOLUMES_HOSTPATH = 'kubernetes.podspec-volumes-hostpath',
  /** `csi` volumes. */
  PODSPEC_VOLUMES_CSI = 'kubernetes.podspec-volumes-csi',
  /** `image` volumes (e.g. model weights shipped as an OCI image). */
  PODSPEC_VOLUMES_IMAGE = 'kubernetes.podspec-volumes-image',
  /** `mountPropagation` on volume mounts. */
  PODSPEC_VOLUMES_MOUNT_PROPAGATION = 'kubernetes.podspec-volumes-mount-propagation',
  /** Container `securityContext.capabilities.add`. */
  CONTAINERSPEC_ADD_CAPABILITIES = 'kubernetes.containerspec-addcapabilities',
}

/** Features Knative enables out of the box (`defaultFeaturesConfig`); every other key is Disabled. */
export const KNATIVE_FEATURES_ON_BY_DEFAULT: readonly KnativeFeature[] = [KnativeFeature.PODSPEC_VOLUMES_EMPTYDIR];

/**
 * The PodSpec field mask (`PodSpecMask`): fields Knative always accepts, and each field behind a flag.
 * Every other PodSpec field (restartPolicy, terminationGracePeriodSeconds, activeDeadlineSeconds,
 * nodeName, hostname, subdomain, priority, readinessGates, resourceClaims, overhead, …) is refused
 * whatever the flags say.
 */
export const KNATIVE_POD_FIELDS: Readonly<Record<string, KnativeFeature | 'allowed'>> = {
  serviceAccountName: 'allowed',
  containers: 'allowed',
  volumes: 'allowed',
  imagePullSecrets: 'allowed',
  enableServiceLinks: 'allowed',
  /** Only `false` is accepted. */
  automountServiceAccountToken: 'allowed',
  affinity: KnativeFeature.PODSPEC_AFFINITY,
  topologySpreadConstraints: KnativeFeature.PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS,
  hostAliases: KnativeFeature.PODSPEC_HOST_ALIASES,
  nodeSelector: KnativeFeature.PODSPEC_NODE_SELECTOR,
  runtimeClassName: KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME,
  tolerations: KnativeFeature.PODSPEC_TOLERATIONS,
  securityContext: KnativeFeature.PODSPEC_SECURITY_CONTEXT,
  shareProcessNamespace: KnativeFeature.PODSPEC_SHARE_PROCESS_NAMESPACE,
  priorityClassName: KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME,
  schedulerName: KnativeFeature.PODSPEC_SCHEDULER_NAME,
  initContainers: KnativeFeature.PODSPEC_INIT_CONTAINERS,
  dnsPolicy: KnativeFeature.PODSPEC_DNS_POLICY,
  dnsConfig: KnativeFeature.PODSPEC_DNS_CONFIG,
  hostIPC: KnativeFeature.PODSPEC_HOST_IPC,
  hostPID: KnativeFeature.PODSPEC_HOST_PID,
  hostNetwork: KnativeFeature.PODSPEC_HOST_NETWORK,
};

/**
 * Pod `securityContext` fields accepted with PODSPEC_SECURITY_CONTEXT (`PodSecurityContextMask`).
 * Any other field (`fsGroupChangePolicy`, `seLinuxOptions`, `windowsOptions`, `sysctls`, …) is
 * refused even with the flag on. Without it the whole pod securityContext is refused (only
 * `seccompProfile` passes, and only under `secure-pod-defaults`).
 */
export const KNATIVE_POD_SECURITY_CONTEXT_FIELDS: readonly string[] = ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'supplementalGroups',
  'seccompProfile'];

/**
 * Container fields Knative accepts (`ContainerMask`); `lifecycle`, `stdin`, `tty`, `volumeDevices`
 * and any field not listed are refused. `startupProbe` is accepted (see {@link KNATIVE_STARTUP_PROBES_SINCE}).
 */
export const KNATIVE_CONTAINER_FIELDS: readonly string[] = [
  'name', 'args', 'command', 'env', 'workingDir', 'envFrom', 'image', 'imagePullPolicy', 'livenessProbe', 'ports',
  'readinessProbe', 'resources', 'securityContext', 'startupProbe', 'terminationMessagePath', 'terminationMessagePolicy', 'volumeMounts',
];

/**
 * Container `securityContext` fields Knative accepts (`SecurityContextMask`): the whole restricted
 * profile. `privileged` only as `false`; `capabilities.add` only with CONTAINERSPEC_ADD_CAPABILITIES.
 */
export const KNATIVE_CONTAINER_SECURITY_CONTEXT_FIELDS: readonly string[] = [
  'capabilities', 'readOnlyRootFilesystem', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'allowPrivilegeEscalation', 'seccompProfile', 'privileged',
];

/** Volume sources (`VolumeSourceMask`): always accepted, or behind a flag. Any other source is refused. */
export const KNATIVE_VOLUME_SOURCES: Readonly<Record<string, KnativeFeature | 'allowed'>> = {
  secret: 'allowed',
  configMap: 'allowed',
  projected: 'allowed',
  emptyDir: KnativeFeature.PODSPEC_VOLUMES_EMPTYDIR,
  persistentVolumeClaim: KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM,
  hostPath: KnativeFeature.PODSPEC_VOLUMES_HOSTPATH,
  csi: KnativeFeature.PODSPEC_VOLUMES_CSI,
  image: KnativeFeature.PODSPEC_VOLUMES_IMAGE,
};

/**
 * Container ports Knative reserves for its queue-proxy and profiling (`pkg/networking/constants.go`:
 * 8012 HTTP, 8013 HTTP/2, 8022 admin, 9090 autoscaler metrics, 9091 user metrics; 8008 profiling).
 */
export const KNATIVE_RESERVED_PORTS: readonly number[] = [8012, 8013, 8022, 9090, 9091, 8008];
/** Names the single serving port may have. */
export const KNATIVE_PORT_NAMES: readonly string[] = ['', 'http1', 'h2c'];
/** Environment variables Knative sets itself and refuses in a user container. */
export const KNATIVE_RESERVED_ENV: readonly string[] = ['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION'];
/** Mount paths Knative refuses. */
export const KNATIVE_RESERVED_MOUNT_PATHS: readonly string[] = ['/', '/dev', '/dev/log'];
/**
 * Revision annotation that bounds how long a new revision may take to become ready
 * (`pkg/apis/serving/register.go` `ProgressDeadlineAnnotationKey`).
 */
export const KNATIVE_PROGRESS_DEADLINE_ANNOTATION = 'serving.knative.dev/progress-deadline';

/** One field of a serverless pod that Knative would refuse. */
export interface KnativeViolation {
  /** Field path inside the PodSpec, e.g. `securityContext.fsGroupChangePolicy`. */
  readonly field: string;
  /** Why Knative refuses it. */
  readonly problem: string;
  /** The `config-features` key that would make Knative accept it; undefined if none does. */
  readonly feature?: KnativeFeature;
}

type Json = Record<string, unknown>;

const isObject = (x: unknown): x is Json => typeof x === 'object' && x !== null && !Array.isArray(x);

function enabled(feature: KnativeFeature, declared: ReadonlySet<string>): boolean {
  return declared.has(feature) || KNATIVE_FEATURES_ON_BY_DEFAULT.includes(feature);
}

/** True if Knative accepts what `feature` gates: declared by the user, or on by default. */
export function knativeFeatureOn(feature: KnativeFeature, declared: readonly KnativeFeature[] | undefined): boolean {
  return enabled(feature, new Set(declared ?? []));
}

function gate(field: string, feature: KnativeFeature, declared: ReadonlySet<string>): KnativeViolation[] {
  return enabled(feature, declared) ? [] : [{ field, feature, problem: `needs the Knative feature flag "${feature}", which is Disabled by default` }];
}

/**
 * Every field of `pod` (a PodSpec as plain JSON, containers included) that Knative's webhook would
 * refuse with the features in `declared` (plus those on by default). Empty when Knative accepts it.
 */
export function knativeViolations(pod: Json, declared: readonly string[] = []): KnativeViolation[] {
  const on = new Set(declared);
  const out: KnativeViolation[] = [];
  for (const [field, value] of Object.entries(pod)) {
    if (value === undefined) continue;
    const rule = KNATIVE_POD_FIELDS[field];
    if (rule === undefined) out.push({ field, problem: 'is not part of the Knative PodSpec and is refused' });
    else if (rule !== 'allowed') out.push(...gate(field, rule, on));
  }
  if (pod.automountServiceAccountToken === true) out.push({ field: 'automountServiceAccountToken', problem: 'may only be false' });
  out.push(...podSecurityContextViolations(pod.securityContext));
  const volumes = Array.isArray(pod.volumes) ? (pod.volumes as Json[]) : [];
  volumes.forEach((v, i) => out.push(...volumeViolations(v, `volumes[${i}]`, on)));
  const containers = Array.isArray(pod.containers) ? (pod.containers as Json[]) : [];
  const inits = Array.isArray(pod.initContainers) ? (pod.initContainers as Json[]) : [];
  containers.forEach((c, i) => out.push(...containerViolations(c, `containers[${i}]`, on, volumes)));
  inits.forEach((c, i) => {
    out.push(...containerViolations(c, `initContainers[${i}]`, on, volumes));
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
      if (c[probe] !== undefined) out.push({ field: `initContainers[${i}].${probe}`, problem: 'is not allowed in an init container' });
    }
  });
  const ports = containers.flatMap(c => (Array.isArray(c.ports) ? (c.ports as Json[]) : []));
  if (ports.length > 1) out.push({ field: 'containers[*].ports', problem: 'has more than one container port; Knative routes to a single port' });
  const mounted = new Set([...containers, ...inits].flatMap(c => (Array.isArray(c.volumeMounts) ? (c.volumeMounts as Json[]) : []).map(m => m.name)));
  volumes.forEach((v, i) => {
    if (!mounted.has(v.name)) out.push({ field: `volumes[${i}]`, problem: `volume "${String(v.name)}" is not mounted by any container` });
  });
  return out;
}

function podSecurityContextViolations(sc: unknown): KnativeViolation[] {
  if (!isObject(sc) || Object.keys(sc).length === 0) return [];
  const out: KnativeViolation[] = [];
  for (const field of Object.keys(sc)) {
    if (!KNATIVE_POD_SECURITY_CONTEXT_FIELDS.includes(field)) {
      out.push({ field: `securityContext.${field}`, problem: 'is refused by Knative even with the pod security context flag on' });
    }
  }
  return out;
}

function volumeViolations(v: Json, at: string, on: ReadonlySet<string>): KnativeViolation[] {
  const out: KnativeViolation[] = [];
  for (const source of Object.keys(v).filter(k => k !== 'name')) {
    const rule = KNATIVE_VOLUME_SOURCES[source];
    if (rule === undefined) out.push({ field: `${at}.${source}`, problem: 'is a volume source Knative refuses' });
    else if (rule !== 'allowed') out.push(...gate(`${at}.${source}`, rule, on));
  }
  const pvc = v.persistentVolumeClaim;
  if (isObject(pvc) && pvc.readOnly !== true) out.push(...gate(`${at}.persistentVolumeClaim.readOnly`,
    KnativeFeature.PODSPEC_PERSISTENT_VOLUME_WRITE, on));
  return out;
}

function containerViolations(c: Json, at: string, on: ReadonlySet<string>, volumes: readonly Json[]): KnativeViolation[] {
  const out: KnativeViolation[] = [];
  for (const field of Object.keys(c)) {
    if (!KNATIVE_CONTAINER_FIELDS.includes(field)) out.push({ field: `${at}.${field}`, problem: 'is a container field Knative refuses' });
  }
  const sc = c.securityContext;
  if (isObject(sc)) {
    for (const field of Object.keys(sc)) {
      if (!KNATIVE_CONTAINER_SECURITY_CONTEXT_FIELDS.includes(field)) out.push({ field: `${at}.securityContext.${field}`,
        problem: 'is a container securityContext field Knative refuses' });
    }
    if (sc.privileged === true) out.push({ field: `${at}.securityContext.privileged`, problem: 'may only be false' });
    const caps = sc.capabilities;
    if (isObject(caps) && Array.isArray(caps.add) && caps.add.length > 0) out.push(...gate(`${at}.securityContext.capabilities.add`,
      KnativeFeature.CONTAINERSPEC_ADD_CAPABILITIES, on));
  }
  const env = Array.isArray(c.env) ? (c.env as Json[]) : [];
  env.forEach((e, i) => {
    if (KNATIVE_RESERVED_ENV.includes(String(e.name))) out.push({ field: `${at}.env[${i}]`, problem: `"${String(e.name)}" is reserved by Knative` });
    const from = e.valueFrom;
    if (isObject(from) && (from.fieldRef !== undefined || from.resourceFieldRef !== undefined)) out.push(...gate(`${at}.env[${i}].valueFrom`,
      KnativeFeature.PODSPEC_FIELD_REF, on));
  });
  const ports = Array.isArray(c.ports) ? (c.ports as Json[]) : [];
  ports.forEach((p, i) => {
    if (KNATIVE_RESERVED_PORTS.includes(Number(p.containerPort))) out.push({ field: `${at}.ports[${i}].containerPort`,
      problem: `${String(p.containerPort)} is reserved by Knative` });
    if (!KNATIVE_PORT_NAMES.includes(String(p.name ?? ''))) out.push({ field: `${at}.ports[${i}].name`,
      problem: `"${String(p.name)}" is not one of "http1", "h2c" or empty` });
  });
  const mounts = Array.isArray(c.volumeMounts) ? (c.volumeMounts as Json[]) : [];
  mounts.forEach((m, i) => {
    const path = String(m.mountPath ?? '').replace(/\/+$/, '') || '/';
    if (KNATIVE_RESERVED_MOUNT_PATHS.includes(path)) out.push({ field: `${at}.volumeMounts[${i}].mountPath`,
      problem: `"${path}" is reserved by Knative` });
    const vol = volumes.find(v => v.name === m.name);
    if (vol && vol.emptyDir === undefined && vol.persistentVolumeClaim === undefined && m.readOnly !== true) {
      out.push({ field: `${at}.volumeMounts[${i}].readOnly`, problem: 'must be true for this volume type' });
    }
    if (m.mountPropagation !== undefined) out.push(...gate(`${at}.volumeMounts[${i}].mountPropagation`,
      KnativeFeature.PODSPEC_VOLUMES_MOUNT_PROPAGATION, on));
  });
  return out;
}

/**
 * Fields of an InferenceService predictor that are KServe's own (`ComponentExtensionSpec`,
 * `PredictorSpec` in kserve/kserve v0.20.0 `pkg/apis/serving/v1beta1/component.go`, `predictor.go`):
 * KServe consumes them and hands the rest, a PodSpec, to Knative.
 */
export const KSERVE_PREDICTOR_EXTENSION_FIELDS: readonly string[] = [
  'minReplicas', 'maxReplicas', 'scaleTarget', 'scaleMetric', 'scaleMetricType', 'autoScaling', 'containerConcurrency', 'timeout',
  'canaryTrafficPercent', 'logger', 'batcher', 'labels', 'annotations', 'deploymentStrategy', 'name', 'model', 'storageUris',
  'storageContainerName', 'workerSpec', 'sklearn', 'xgboost', 'tensorflow', 'pytorch', 'triton', 'onnx', 'huggingface', 'pmml', 'lightgbm', 'paddle',
];
/** Fields of a predictor `model` that are KServe's own (`ModelSpec`, `PredictorExtensionSpec`); the rest is the `kserve-container`. */
export const KSERVE_MODEL_EXTENSION_FIELDS: readonly string[] = ['modelFormat', 'runtime', 'storageUri', 'runtimeVersion', 'protocolVersion',
  'storage', 'confidential'];

/**
 * The PodSpec KServe hands to Knative for an InferenceService predictor (plain JSON): the predictor
 * without KServe's own fields, with `model` as the `kserve-container`. Fields a ServingRuntime adds
 * (its args, its own pod fields) are not included.
 */
export function predictorPodSpec(predictor: Json): Json {
  const pod: Json = {};
  for (const [k, v] of Object.entries(predictor)) if (!KSERVE_PREDICTOR_EXTENSION_FIELDS.includes(k)) pod[k] = v;
  const model = predictor.model;
  if (isObject(model)) {
    const container: Json = { name: 'kserve-container' };
    for (const [k, v] of Object.entries(model)) if (!KSERVE_MODEL_EXTENSION_FIELDS.includes(k)) container[k] = v;
    pod.containers = [container, ...(Array.isArray(pod.containers) ? pod.containers : [])];
  }
  return pod;
}

/** A serverless output's use of a PodSpec field that Knative gates behind a feature flag. */
export interface KnativeFeatureUse {
  /** Construct path, for the message. */
  readonly path: string;
  /** The prop (or derived field) that puts the field into the pod, e.g. `nodePool`. */
  readonly field: string;
  /** The prop's value (printed in the message; never pass a secret). */
  readonly value: unknown;
  /** The feature flag that unlocks it. */
  readonly feature: KnativeFeature;
  /** Features the user declared (`knativeFeatures` prop). */
  readonly declared: readonly KnativeFeature[] | undefined;
  /** Another way out, appended to the fix (e.g. `or use ServingMode.KSERVE`). */
  readonly alternative?: string;
}

/**
 * Throw a ValidationError naming the `config-features` key when a serverless output would carry a
 * field Knative refuses unless that key is enabled, and the user did not declare it. Call it only
 * for KSERVE_SERVERLESS outputs.
 */
export function requireKnativeFeature(use: KnativeFeatureUse): void {
  if (enabled(use.feature, new Set(use.declared ?? []))) return;
  const name = Object.entries(KnativeFeature).find(([, v]) => v === use.feature)?.[0];
  throw new ValidationError(use.path, use.field, use.value,
    `would be refused by Knative in KSERVE_SERVERLESS mode: it needs the config-features key "${use.feature}", ` +
      'which is Disabled by default (KServe\'s install does not enable it)',
    `set "${use.feature}: enabled" in ConfigMap knative-serving/config-features and declare knativeFeatures: [KnativeFeature.${name}]`
    + (use.alternative ? `, ${use.alternative}` : ''));
}

/** `knativeFeatures` must hold KnativeFeature values only. */
export function validateKnativeFeatures(path: string, features: readonly unknown[] | undefined): void {
  (features ?? []).forEach((f, i) => {
    if (!Object.values(KnativeFeature).includes(f as KnativeFeature)) {
      throw new ValidationError(path, `knativeFeatures[${i}]`, f, 'is not a Knative config-features key the library knows',
        `use one of ${Object.keys(KnativeFeature).map(k => `KnativeFeature.${k}`).join(', ')}`);
    }
  });
}
