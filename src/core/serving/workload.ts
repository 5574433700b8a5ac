import { topologySpread } from '../availability';
import { ConfigMap, Container, Deployment, PodFields, Service, ServiceAccount } from '../kube';
import type { InferenceService, PredictorSpec } from '../crds/kserve';
import { platformPodFields, platformVolumes } from '../platform';
import { podSecurityContext, podSwitches } from '../pod-security';
import { IGpuNodePool } from '../scheduling';
import { KSERVE_DEPLOYMENT_MODE, ServingMode } from '../serving-mode';
import { CONFIG_VOLUME } from './container';
import { KnativeFeature, knativeFeatureOn } from '../knative';
import { knativePodSecurityContext, knativePredictorAnnotations, requireKnativeAccepts } from './knative';
import { KSERVE_STORAGE_URI_ENV } from './volumes';
import { singleNodeCache } from '../delivery';
import { ServingPlan } from './resolve';
import { CLUSTER_LOCAL_LABELS } from './visibility';

/** Rolling update of GPU workloads: never a surge pod (see {@link deploymentObjects}). */
const GPU_ROLLING_UPDATE = { maxSurge: 0, maxUnavailable: 1 };

/** Name, namespace and labels every object of the plan carries. */
export function objectMeta(plan: ServingPlan): { name: string; namespace: string; labels: Record<string, string> } {
  return { name: plan.name, namespace: plan.namespace, labels: plan.labels };
}

/** The ServiceAccount the pods run as: no token, and the pull Secrets the delivery needs. */
export function serviceAccount(plan: ServingPlan): ServiceAccount {
  const secrets = plan.delivery.serviceAccountSecrets;
  return {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: objectMeta(plan),
    automountServiceAccountToken: false,
    ...(secrets.length > 0 ? { secrets: secrets.map(s => ({ name: s })) } : {}),
  };
}

/** The ConfigMap `<name>-config` holding the engine's rendered configuration, if it has any. */
export function configMaps(plan: ServingPlan): ConfigMap[] {
  if (!plan.config) return [];
  return [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...objectMeta(plan), name: `${plan.name}-config` }, data: { ...plan.config.files } }];
}

/** The workload for the mode: an InferenceService, or a Deployment and its Service. */
export function workloadObjects(plan: ServingPlan, container: Container): (InferenceService | Deployment | Service)[] {
  const pod = podFields(plan);
  return plan.kserve ? [inferenceService(plan, pod, container)] : deploymentObjects(plan, pod, container);
}

/** Pod fields besides the containers: identity, security, init containers, volumes, placement, spread. */
function podFields(plan: ServingPlan): PodFields {
  const { delivery } = plan;
  const declared = plan.platform.knativeFeatures;
  const spread = plan.knative && !knativeFeatureOn(KnativeFeature.PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS, declared)
    ? []
    : topologySpread(plan.scaling.maxReplicas, plan.podSelector);
  const security = plan.knative ? knativePodSecurityContext(podSecurityContext(plan.security), declared) : podSecurityContext(plan.security);
  return {
    serviceAccountName: plan.name,
    ...podSwitches(plan.security),
    ...(security ? { securityContext: security } : {}),
    ...(delivery.initContainers.length > 0 ? { initContainers: delivery.initContainers } : {}),
    volumes: [
      ...plan.scratch.volumes, ...delivery.volumes, ...(plan.config ? [{ name: CONFIG_VOLUME, configMap: { name: `${plan.name}-config` } }] : []),
      ...plan.files.volumes, ...platformVolumes(plan.platform),
    ],
    ...placement(plan.nodePool),
    ...platformPodFields(plan.platform, plan.nodePool),
    ...(spread.length > 0 ? { topologySpreadConstraints: spread } : {}),
  };
}

/** Required node affinity for the pool's labels (its tolerations come with the user's, see `platformPodFields`). */
function placement(pool: IGpuNodePool | undefined): Partial<PodFields> {
  if (!pool) return {};
  const exprs = Object.entries(pool.nodeSelector).map(([key, value]) => ({ key, operator: 'In' as const, values: [value] }));
  const terms = [{ matchExpressions: exprs }];
  return exprs.length > 0 ? { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } } } : {};
}

/**
 * True when a rollout must not surge: a GPU pod (the pool may have no GPUs for an extra pod) or
 * weights on a claim one node mounts (a surge pod on another node could not attach it, and the
 * rollout would stall while the old pod holds it).
 */
function noSurge(plan: ServingPlan): boolean {
  return plan.gpus > 0 || singleNodeCache(plan.delivery);
}

/**
 * `deploymentStrategy` of a KServe Standard predictor (Knative rolls revisions itself): `Recreate` when the
 * family asks for it; without surge where {@link noSurge} says so, since KServe otherwise rolls with
 * maxSurge 25% (one extra pod); else KServe's default.
 */
function kserveStrategy(plan: ServingPlan): Pick<PredictorSpec, 'deploymentStrategy'> {
  if (plan.mode !== ServingMode.KSERVE) return {};
  if (plan.recreate) return { deploymentStrategy: { type: 'Recreate' } };
  return noSurge(plan) ? { deploymentStrategy: { type: 'RollingUpdate', rollingUpdate: { ...GPU_ROLLING_UPDATE } } } : {};
}

/**
 * Deployment and ClusterIP Service. GPU workloads and pods on a one-node cache roll with `maxSurge: 0`
 * (see {@link noSurge}): a surge pod would sit Pending or unattached while the rollout stalls;
 * instead one old pod goes first (`maxUnavailable: 1`), freeing its GPUs or its claim. A Deployment whose count an
 * autoscaler owns omits `replicas`, so re-applying the manifest does not reset the count.
 */
function deploymentObjects(plan: ServingPlan, pod: PodFields, container: Container): [Deployment, Service] {
  const rollingUpdate = noSurge(plan) ? GPU_ROLLING_UPDATE : { maxSurge: 1, maxUnavailable: 0 };
  const replicas = plan.scaling.deploymentReplicas;
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: objectMeta(plan),
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        selector: { matchLabels: plan.podSelector },
        strategy: plan.recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate },
        progressDeadlineSeconds: plan.progressDeadlineSeconds,
        template: { metadata: { labels: plan.labels }, spec: { ...pod, containers: [container] } },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: objectMeta(plan),
      spec: {
        type: 'ClusterIP',
        selector: plan.podSelector,
        ports: [plan.tls
          ? { name: 'https', port: 443, targetPort: 'http', protocol: 'TCP', appProtocol: 'https' }
          : { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
      },
    },
  ];
}

/** The InferenceService's metadata: serverless services are cluster-local (see {@link CLUSTER_LOCAL_LABELS}). */
function visibleMeta(plan: ServingPlan): ReturnType<typeof objectMeta> {
  const meta = objectMeta(plan);
  return plan.knative ? { ...meta, labels: { ...meta.labels, ...CLUSTER_LOCAL_LABELS } } : meta;
}

/**
 * The InferenceService: the engine's KServe runtime (image chosen by `runtimeVersion` unless the user
 * gave one), or the container as a custom predictor.
 */
function inferenceService(plan: ServingPlan, pod: PodFields, container: Container): InferenceService {
  const rt = plan.engine.kserveRuntime;
  const annotations: Record<string, string> = { 'serving.kserve.io/deploymentMode': KSERVE_DEPLOYMENT_MODE[plan.mode], ...plan.scaling.annotations };
  const { image, ...containerNoImage } = container;
  const storageUri = plan.delivery.storageUri;
  const predictorBody = rt
    ? {
      model: {
        modelFormat: { name: rt.modelFormat },
        runtime: rt.runtime,
        ...(plan.imageOverride ? { image } : { runtimeVersion: rt.runtimeVersion(plan.gpus) }),
        ...(storageUri ? { storageUri } : {}),
        ...containerNoImage,
      },
    }
    : { containers: [storageUri ? withStorageUriEnv(container, storageUri) : container] };
  const predictor: PredictorSpec = {
    ...plan.scaling.predictor,
    ...kserveStrategy(plan),
    labels: plan.labels,
    ...(plan.knative ? knativePredictorAnnotations(plan.progressDeadlineSeconds) : {}),
    ...pod,
    ...predictorBody,
  };
  // the last check of a serverless output: nothing Knative would drop or refuse with the declared features
  if (plan.knative) requireKnativeAccepts(plan.path, predictor, plan.platform.knativeFeatures);
  return {
    apiVersion: 'serving.kserve.io/v1beta1',
    kind: 'InferenceService',
    metadata: { ...visibleMeta(plan), annotations },
    spec: { predictor },
  };
}

/** A custom predictor container with its model URI (see {@link KSERVE_STORAGE_URI_ENV}). */
function withStorageUriEnv(c: Container, storageUri: string): Container {
  return { ...c, env: [...(c.env ?? []), { name: KSERVE_STORAGE_URI_ENV, value: storageUri }] };
}
