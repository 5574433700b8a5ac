/* eslint-disable @typescript-eslint/no-explicit-any -- reads fields of rendered objects, typed as plain JSON until the core's objects are typed */
import { KubeObject } from '../core/kube';

/*
 * What the Pulumi Kubernetes provider (4.x) does after it applies an object, from
 * pulumi/pulumi-kubernetes provider/pkg/await (read at commit 94977969, 2026-07-01, past tag
 * v4.32.0: the newest source available here; the pinned SDK is 4.34.2):
 * - awaiters.go `awaiters`: Deployment, StatefulSet, DaemonSet, Job, Service, Pod and Ingress are
 *   awaited until ready; custom resources (an InferenceService, a NodePool) are not.
 * - await.go `Creation`/`Update`: the wait is 10 minutes unless the resource's custom timeout
 *   (customTimeouts.create / .update, sent as the request timeout) or the
 *   `pulumi.com/timeoutSeconds` annotation says otherwise (metadata/overrides.go TimeoutDuration:
 *   the resource option wins).
 * - deployment.go: a Deployment that reports `ProgressDeadlineExceeded` is only logged as a warning;
 *   the update fails when the wait times out. job.go: a Job fails the update as soon as it reports
 *   `Failed` (e.g. `DeadlineExceeded`). service.go: a Service with a selector waits until it has a
 *   ready endpoint, i.e. until a selected pod is ready.
 * - metadata/overrides.go TimeoutDuration reads `pulumi.com/timeoutSeconds` (whole seconds) when no
 *   custom timeout is set; SkipAwaitLogic: the annotation `pulumi.com/skipAwait: "true"` skips the wait.
 */

/** Seconds the provider waits for an awaited kind when nothing says otherwise (`Default*TimeoutMins = 10`). */
export const PROVIDER_DEFAULT_AWAIT_SECONDS = 600;

/** Annotation that makes the provider return as soon as the object is applied. */
export const SKIP_AWAIT_ANNOTATION = 'pulumi.com/skipAwait';

/** Annotation giving the provider's wait in seconds; a `customTimeouts` resource option wins over it. */
export const TIMEOUT_SECONDS_ANNOTATION = 'pulumi.com/timeoutSeconds';

/** `apiVersion/kind` of every kind the provider awaits with the 10-minute default. */
export const AWAITED_KINDS: ReadonlySet<string> = new Set([
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'apps/v1/DaemonSet',
  'batch/v1/Job',
  'v1/Service',
  'v1/Pod',
  'networking.k8s.io/v1/Ingress',
]);

/**
 * Seconds added once to every derived wait: the controllers' reaction time (a Job is marked failed,
 * a Deployment's condition updates) and the provider's own settling.
 * @default 300
 */
export const AWAIT_GRACE_SECONDS = 300;

/**
 * Kubernetes defaults the budget reads (kubernetes/api apps/v1 types.go: DeploymentSpec
 * progressDeadlineSeconds "Defaults to 600s", RollingUpdateDeployment maxSurge and maxUnavailable
 * "Defaults to 25%"; core/v1 types.go Probe: periodSeconds 10, failureThreshold 3).
 */
const K8S_DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;
const K8S_DEFAULT_MAX_SURGE = '25%';
const K8S_DEFAULT_MAX_UNAVAILABLE = '25%';
const K8S_DEFAULT_PROBE_PERIOD_SECONDS = 10;
const K8S_DEFAULT_PROBE_FAILURE_THRESHOLD = 3;

/** True if the provider awaits objects of this kind. */
export function isAwaited(obj: KubeObject): boolean {
  return AWAITED_KINDS.has(`${obj.apiVersion}/${obj.kind}`);
}

/**
 * How long `pulumi up` must be allowed to wait for `obj`, in seconds, derived from the budgets the
 * object set carries (a Job's `activeDeadlineSeconds`; a Deployment's `progressDeadlineSeconds`
 * per rollout step, times the steps a rolling update of its largest replica count takes; a
 * StatefulSet's startup probe window per pod; a Service waits as long as the workload it selects).
 * `undefined` when the object is not awaited or carries no budget.
 */
export function awaitBudgetSeconds(obj: KubeObject, objects: readonly KubeObject[]): number | undefined {
  if (!isAwaited(obj)) return undefined;
  const raw = workloadSeconds(obj, objects) ?? serviceSeconds(obj, objects);
  return raw === undefined ? undefined : raw + AWAIT_GRACE_SECONDS;
}

function workloadSeconds(obj: KubeObject, objects: readonly KubeObject[]): number | undefined {
  const spec = obj.spec as any;
  switch (obj.kind) {
    case 'Job':
      // activeDeadlineSeconds bounds every retry together; the Job then fails and so does the wait
      return typeof spec?.activeDeadlineSeconds === 'number' ? spec.activeDeadlineSeconds : undefined;
    case 'Deployment': {
      const step = Math.max(spec?.progressDeadlineSeconds ?? K8S_DEFAULT_PROGRESS_DEADLINE_SECONDS, podStartSeconds(spec?.template));
      return step * rolloutSteps(obj, objects);
    }
    case 'StatefulSet':
      // pods start and roll one at a time; there is no progress deadline
      return (podStartSeconds(spec?.template) + K8S_DEFAULT_PROGRESS_DEADLINE_SECONDS) * maxPods(obj, objects);
    default:
      return undefined;
  }
}

/** A Service is ready once a pod it selects is ready: as long as that workload may take. */
function serviceSeconds(svc: KubeObject, objects: readonly KubeObject[]): number | undefined {
  if (svc.kind !== 'Service') return undefined;
  const selector: Record<string, string> | undefined = (svc.spec as any)?.selector;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  const budgets = objects
    .filter(o => o.metadata.namespace === svc.metadata.namespace && (o.kind === 'Deployment' || o.kind === 'StatefulSet'))
    .filter(o => {
      const labels: Record<string, string> = (o.spec as any)?.template?.metadata?.labels ?? {};
      return Object.entries(selector).every(([k, v]) => labels[k] === v);
    })
    .map(o => workloadSeconds(o, objects))
    .filter((s): s is number => s !== undefined);
  return budgets.length > 0 ? Math.max(...budgets) : undefined;
}

/** The longest startup probe window of the pod's containers (what a pod may take to become ready). */
function podStartSeconds(template: any): number {
  const containers: any[] = template?.spec?.containers ?? [];
  const windows = containers.map(c => {
    const p = c.startupProbe ?? c.readinessProbe;
    if (!p) return 0;
    const period = p.periodSeconds ?? K8S_DEFAULT_PROBE_PERIOD_SECONDS;
    return (p.initialDelaySeconds ?? 0) + period * (p.failureThreshold ?? K8S_DEFAULT_PROBE_FAILURE_THRESHOLD);
  });
  return Math.max(0, ...windows);
}

/** The most pods the workload runs: its `replicas`, or the maximum of an autoscaler that targets it. */
function maxPods(obj: KubeObject, objects: readonly KubeObject[]): number {
  const scaler = scalerOf(obj, objects);
  const fromScaler = (scaler?.spec as any)?.maxReplicas ?? (scaler?.spec as any)?.maxReplicaCount;
  return Math.max(1, fromScaler ?? (obj.spec as any)?.replicas ?? 1);
}

/** The HorizontalPodAutoscaler or KEDA ScaledObject in the set whose `scaleTargetRef` names `obj`. */
export function scalerOf(obj: KubeObject, objects: readonly KubeObject[]): KubeObject | undefined {
  return objects.find(o => {
    const ref = (o.spec as any)?.scaleTargetRef;
    return ref && ref.name === obj.metadata.name && (ref.kind ?? 'Deployment') === obj.kind && o.metadata.namespace === obj.metadata.namespace;
  });
}

/** Steps of a rolling update: pods / (maxSurge + maxUnavailable), at least one; `Recreate` is one step. */
function rolloutSteps(obj: KubeObject, objects: readonly KubeObject[]): number {
  const strategy = (obj.spec as any)?.strategy;
  if (strategy?.type === 'Recreate') return 1;
  const pods = maxPods(obj, objects);
  const surge = scaled(strategy?.rollingUpdate?.maxSurge ?? K8S_DEFAULT_MAX_SURGE, pods, Math.ceil);
  const unavailable = scaled(strategy?.rollingUpdate?.maxUnavailable ?? K8S_DEFAULT_MAX_UNAVAILABLE, pods, Math.floor);
  return Math.ceil(pods / Math.max(1, surge + unavailable));
}

/** An int-or-percent of `total`, rounded as the Deployment controller rounds it (surge up, unavailable down). */
function scaled(v: number | string, total: number, round: (x: number) => number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? round((Number(m[1]) * total) / 100) : Number(v) || 0;
}
