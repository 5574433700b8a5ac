import { describeObject, isObject, Json, podsOf } from './manifest';
import { CheckContext, CheckResult, Problem, Rule } from './rule';

/** Kinds without a namespace. */
const CLUSTER_SCOPED = new Set([
  'Namespace', 'Node', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'APIService', 'CSIDriver', 'VolumeSnapshotClass',
  'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'ClusterServingRuntime', 'ClusterStorageContainer', 'LocalModelNodeGroup', 'NodePool', 'NodeClaim', 'EC2NodeClass',
  'ClusterSecretStore', 'ClusterExternalSecret', 'ClusterIssuer', 'ClusterTriggerAuthentication',
]);
/** Namespaces workloads must not use. */
const FORBIDDEN_NAMESPACES = new Set(['default', 'kube-system']);
/** Stable apiVersion of each kind we know; any other version of these kinds is flagged. */
const STABLE_API: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['apps/v1'], StatefulSet: ['apps/v1'], DaemonSet: ['apps/v1'], ReplicaSet: ['apps/v1'],
  Job: ['batch/v1'], CronJob: ['batch/v1'],
  PodDisruptionBudget: ['policy/v1'],
  HorizontalPodAutoscaler: ['autoscaling/v2', 'autoscaling/v1'],
  NetworkPolicy: ['networking.k8s.io/v1'], Ingress: ['networking.k8s.io/v1'],
  InferenceService: ['serving.kserve.io/v1beta1'],
};
/** Groups retired beta versions lived in. */
const BETA_GROUPS = ['extensions', 'apps', 'batch', 'policy', 'autoscaling', 'networking.k8s.io', 'rbac.authorization.k8s.io', 'storage.k8s.io',
  'apiextensions.k8s.io'];
const BETA = new RegExp(`^(${BETA_GROUPS.map(g => g.replace(/\./g, '\\.')).join('|')})/v[0-9]+(alpha|beta)[0-9]+$`);
const NAME_LABEL = 'app.kubernetes.io/name';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';
/** A label value: ≤ 63 chars, alphanumerics with `-`, `_`, `.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function perObject(fn: (o: Json, add: (message: string) => void) => void, applies: (o: Json) => boolean = () => true) {
  return (ctx: CheckContext): CheckResult => {
    const problems: Problem[] = [];
    const objects = ctx.manifest.objects.filter(applies);
    for (const o of objects) fn(o, message => problems.push({ object: describeObject(o), message }));
    return { inspected: objects.length, problems };
  };
}

/** Checks of every object's metadata: namespace, API version, labels. */
export const METADATA_RULES: readonly Rule[] = [
  {
    id: 'K34', title: 'namespace set, not default or kube-system', severity: 'warning',
    source: 'kube-linter use-namespace (CIS 5.7.1/5.7.4); NSA 1.12 (KSV037)',
    fix: 'put the object in a dedicated namespace',
    run: perObject((o, add) => {
      const ns = o.metadata?.namespace;
      if (ns === undefined || ns === '') add('metadata.namespace is unset (it lands in the default namespace)');
      else if (FORBIDDEN_NAMESPACES.has(String(ns))) add(`metadata.namespace is ${String(ns)}`);
    }, o => !CLUSTER_SCOPED.has(String(o.kind))),
  },
  {
    id: 'K35', title: 'stable API versions', severity: 'warning',
    source: 'kube-linter no-extensions-v1beta; kube-score stable-version',
    fix: 'use the stable apiVersion (apps/v1, batch/v1, policy/v1, autoscaling/v2, networking.k8s.io/v1, serving.kserve.io/v1beta1)',
    run: perObject((o, add) => {
      const v = String(o.apiVersion ?? '');
      const stable = STABLE_API[String(o.kind)];
      if ((stable && !stable.includes(v)) || BETA.test(v)) add(`apiVersion ${v} is not a stable version of ${String(o.kind)}`);
    }),
  },
  {
    id: 'K36', title: 'name and instance labels', severity: 'warning',
    source: 'Polaris metadataAndInstanceMismatched; kube-score label-values',
    fix: `set ${NAME_LABEL} and ${INSTANCE_LABEL} (the instance equal to a workload's name) with valid label values`,
    run: perObject((o, add) => {
      const labels = isObject(o.metadata?.labels) ? o.metadata.labels : {};
      for (const l of [NAME_LABEL, INSTANCE_LABEL]) if (labels[l] === undefined) add(`label ${l} is unset`);
      for (const [k, v] of Object.entries(labels)) {
        if (String(v).length > 63 || !LABEL_VALUE.test(String(v))) add(`label ${k} value "${String(v)}" is not a valid label value`);
      }
      if (podsOf(o).length > 0 && labels[INSTANCE_LABEL] !== undefined && labels[INSTANCE_LABEL] !== o.metadata?.name) {
        add(`label ${INSTANCE_LABEL} "${String(labels[INSTANCE_LABEL])}" differs from the workload name "${String(o.metadata?.name)}"`);
      }
    }, o => isObject(o.metadata)),
  },
];
