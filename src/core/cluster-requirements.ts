import { HTTP_ROUTE_API_VERSION } from './expose';
import { KNATIVE_SERVING_VERSION, KNATIVE_STARTUP_PROBES_SINCE, KnativeFeature } from './knative';
import { KSERVE_MODELCAR_SETTING, KSERVE_VERSION } from './kserve-release';
import { IMAGE_VOLUME_NEEDS } from './model-source-delivery';
import { CERTIFICATE_API_VERSION, ISTIO } from './tls';
import { KNATIVE_INGRESS_NAMESPACES } from './serving/knative';

/** One row of "what the cluster needs": a feature the user picks and what it takes from the cluster. */
export interface ClusterRequirement {
  /** What the user uses (a prop, a mode, a construct). */
  readonly feature: string;
  /** Objects of other APIs than core Kubernetes the library emits for it (`group/version Kind`); empty if none. */
  readonly emits: readonly string[];
  /** Controllers (and versions) the cluster must run. */
  readonly controllers: string;
  /** Settings those controllers must have; `-` for their defaults. */
  readonly settings: string;
}

/**
 * What each Knative feature flag is needed for in KSERVE_SERVERLESS mode (the key is in
 * `config-features`, all of them Disabled by default at knative-v1.21.1; see `knative.ts`).
 */
export const KNATIVE_FEATURE_NEEDED_FOR: Readonly<Partial<Record<KnativeFeature, string>>> = {
  [KnativeFeature.PODSPEC_AFFINITY]: '`nodePool` (required node affinity on the pool\'s labels)',
  [KnativeFeature.PODSPEC_TOLERATIONS]: '`nodePool` with taints, `tolerations`',
  [KnativeFeature.PODSPEC_NODE_SELECTOR]: '`nodeSelector`',
  [KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME]: '`priorityClassName`',
  [KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME]: '`runtimeClassName`',
  [KnativeFeature.PODSPEC_INIT_CONTAINERS]: 'the in-pod download (`allowServingPodEgressForDownload`) or a `pvc://` model\'s digest check (an init container)',
  [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM]: '`pvc://` models, claim `volumes` (a `cache` needs no flag: KServe mounts it from `storageUri: pvc://`)',
  [KnativeFeature.PODSPEC_VOLUMES_IMAGE]: 'image models (`HuggingFaceModel.fromImage`) on a custom container',
  [KnativeFeature.PODSPEC_SECURITY_CONTEXT]: 'optional: the pod `securityContext` (without it, the restricted settings are on each container)',
  [KnativeFeature.PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS]: 'optional: replicas spread over nodes and zones',
};

const code = (s: string) => `\`${s}\``;

/** Every row of the table, built from the versions and keys the library pins. */
export function clusterRequirements(): ClusterRequirement[] {
  const kserve = `KServe ${KSERVE_VERSION} with its \`kserve-huggingfaceserver\` ClusterServingRuntime`;
  const knative = `Knative Serving ${KNATIVE_SERVING_VERSION} (startup probes need ≥ ${KNATIVE_STARTUP_PROBES_SINCE})`;
  return [
    { feature: 'any construct', emits: [], controllers: 'a CNI that enforces NetworkPolicy (Calico, Cilium, …)', settings: '-' },
    { feature: '`mode: ServingMode.KSERVE` (default)', emits: ['serving.kserve.io/v1beta1 InferenceService'], controllers: kserve, settings: '-' },
    {
      feature: '`mode: ServingMode.KSERVE_SERVERLESS`', emits: ['serving.kserve.io/v1beta1 InferenceService'],
      controllers: `${kserve}; ${knative}; a Knative networking layer whose activator and gateway run in \`knativeIngressNamespaces\` `
        + `(default ${KNATIVE_INGRESS_NAMESPACES.map(code).join(', ')})`,
      settings: '-',
    },
    ...Object.entries(KNATIVE_FEATURE_NEEDED_FOR).map(([key, use]) => ({
      feature: `serverless + ${use}`,
      emits: [],
      controllers: 'Knative Serving',
      settings: `\`${key}: enabled\` in ConfigMap \`knative-serving/config-features\`; declare it in \`knativeFeatures\``,
    })),
    { feature: '`mode: ServingMode.DEPLOYMENT`', emits: [], controllers: 'none beyond Kubernetes', settings: '-' },
    {
      feature: '`GpuNodePool`', emits: ['karpenter.sh/v1 NodePool'],
      controllers: 'Karpenter (the `karpenter.sh/v1` API); the NVIDIA device plugin or GPU operator (`nvidia.com/gpu`, '
        + 'or `nvidia.com/mig-<profile>` for a MIG pool)',
      settings: 'the NodeClass the pool names (`nodeClass`, default `EC2NodeClass` `default`)',
    },
    {
      feature: '`existingGpuNodePool`', emits: [],
      controllers: 'GPU nodes with the given labels and taints; the NVIDIA device plugin', settings: '-',
    },
    {
      feature: '`autoscaling` on `cpu`/`memory` (DEPLOYMENT; KServe creates its own in KSERVE)', emits: ['autoscaling/v2 HorizontalPodAutoscaler'],
      controllers: 'metrics-server', settings: '-',
    },
    {
      feature: '`autoscaling` on an engine metric (DEPLOYMENT; KServe creates its own in KSERVE)', emits: ['keda.sh/v1alpha1 ScaledObject'],
      controllers: 'KEDA; Prometheus scraping the pods (`monitoring`)', settings: '-',
    },
    { feature: '`autoscaling` in KSERVE_SERVERLESS', emits: [], controllers: 'Knative\'s autoscaler (part of Knative Serving)', settings: '-' },
    {
      feature: '`monitoring`',
      emits: ['monitoring.coreos.com/v1 PodMonitor', 'monitoring.coreos.com/v1 ServiceMonitor', 'monitoring.coreos.com/v1 PrometheusRule'],
      controllers: 'Prometheus Operator CRDs and a Prometheus that selects the monitors in `monitoring.namespace`', settings: '-',
    },
    {
      feature: '`HubTokenExternalSecret`', emits: ['external-secrets.io/v1 ExternalSecret'],
      controllers: 'External Secrets Operator serving the `external-secrets.io/v1` API', settings: 'the SecretStore or ClusterSecretStore it names',
    },
    {
      feature: '`HuggingFaceModel.fromImage` in KServe modes', emits: [], controllers: 'KServe (modelcar)',
      settings: `\`${KSERVE_MODELCAR_SETTING.key}: true\` in ConfigMap \`kserve/inferenceservice-config\``
        + (KSERVE_MODELCAR_SETTING.installedDefault ? ' (KServe\'s installed default)' : ''),
    },
    {
      feature: '`HuggingFaceModel.fromImage` in DEPLOYMENT', emits: [],
      controllers: IMAGE_VOLUME_NEEDS, settings: '-',
    },
    {
      feature: '`expose`', emits: [`${HTTP_ROUTE_API_VERSION} HTTPRoute`],
      controllers: 'Gateway API CRDs (standard channel) and a Gateway controller', settings: 'the Gateway `expose.gateway` names',
    },
    { feature: '`ModelCache`', emits: [], controllers: 'a StorageClass that provisions the claim', settings: '-' },
    {
      feature: '`tls: { certificate: { issuerRef } }`', emits: [`${CERTIFICATE_API_VERSION} Certificate`],
      controllers: 'cert-manager (the `cert-manager.io/v1` API)', settings: 'the Issuer or ClusterIssuer `issuerRef` names',
    },
    {
      feature: '`mesh: \'istio\'`', emits: [`${ISTIO.peerAuthenticationApiVersion} PeerAuthentication`],
      controllers: 'Istio serving `security.istio.io/v1` (≥ 1.22), istiod in `istio-system`; Istio CNI under Pod Security `restricted`',
      settings: 'sidecar injection on (the pods carry `sidecar.istio.io/inject: "true"`); the clients in the mesh',
    },
  ];
}

/** The table as Markdown (the README's "What the cluster needs" section is this text; a test compares them). */
export function clusterRequirementsTable(): string {
  const rows = clusterRequirements().map(r =>
    `| ${r.feature} | ${r.emits.length > 0 ? r.emits.map(code).join(', ') : '-'} | ${r.controllers} | ${r.settings} |`);
  return ['| you use | the library emits | the cluster needs | settings |', '|---|---|---|---|', ...rows].join('\n');
}
