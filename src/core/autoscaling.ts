import { ServingTarget } from './serving-target';
import { ValidationError } from './errors';
import { INT32_MAX } from './shapes';
import { HorizontalPodAutoscaler } from './kube';
import type { PredictorSpec } from './crds/kserve';
import type { ScaledObject } from './crds/keda';
import { ServingMode } from './serving-mode';
import { AutoscalingOptions } from './serving-props';

/** Resource metrics and their default utilization target (percent), in one place. */
export const RESOURCE_TARGETS: Readonly<Record<string, number>> = { cpu: 80, memory: 80 };
/** Knative autoscaler metrics (target: Knative's own default unless given). */
export const KNATIVE_METRICS = ['concurrency', 'rps'] as const;

/** How a workload's replica count is decided. */
export interface AutoscalingPlan {
  /** Annotations of the InferenceService (KServe Standard: `serving.kserve.io/autoscalerClass`). */
  readonly annotations: Record<string, string>;
  /** Fields of `spec.predictor` (KServe modes). */
  readonly predictor: Pick<PredictorSpec, 'minReplicas' | 'maxReplicas' | 'scaleMetric' | 'scaleTarget' | 'autoScaling'>;
  /** HorizontalPodAutoscaler or ScaledObject (DEPLOYMENT mode). */
  readonly objects: (HorizontalPodAutoscaler | ScaledObject)[];
  /** The Deployment's `replicas`, or undefined when an autoscaler owns the count. */
  readonly deploymentReplicas?: number;
  /** Most replicas the workload can run. */
  readonly maxReplicas: number;
  /** The metric scaled on (undefined: fixed replicas). */
  readonly metric?: string;
}

/** Inputs of {@link planAutoscaling}. */
export interface AutoscalingInputs extends ServingTarget {
  /** The `replicas` prop, as given. */
  readonly replicas?: number;
  /** The `autoscaling` prop, as given. */
  readonly autoscaling?: AutoscalingOptions;
  /** Namespace Prometheus runs in, when the user named one (engine metrics need it). */
  readonly monitoringNamespace?: string;
}

/**
 * Render one `autoscaling` prop per mode:
 * - KSERVE: `cpu`/`memory` → autoscaler class `hpa` with `scaleMetric`/`scaleTarget`; an engine
 *   metric → class `keda` with an External Prometheus metric in `predictor.autoScaling`.
 * - KSERVE_SERVERLESS: Knative `concurrency`/`rps` with `scaleTarget`; `minReplicas: 0` allowed.
 * - DEPLOYMENT: `cpu`/`memory` → HPA v2; an engine metric → KEDA `ScaledObject` with a Prometheus trigger.
 *
 * Scale to zero works only with Knative, whose activator holds requests while a pod starts. HPA
 * cannot go below one replica, and an engine metric disappears with the last pod, so nothing would
 * ever scale back up.
 */
export function planAutoscaling(i: AutoscalingInputs): AutoscalingPlan {
  const { path, mode } = i;
  const a = i.autoscaling;
  const knative = mode === ServingMode.KSERVE_SERVERLESS;
  if (!a) {
    const replicas = i.replicas ?? 1;
    return mode === ServingMode.DEPLOYMENT
      ? { annotations: {}, predictor: {}, objects: [], deploymentReplicas: replicas, maxReplicas: replicas }
      : {
        annotations: knative ? {} : { 'serving.kserve.io/autoscalerClass': 'none' },
        predictor: { minReplicas: replicas, maxReplicas: replicas },
        objects: [],
        maxReplicas: replicas,
      };
  }
  if (i.replicas !== undefined) {
    throw new ValidationError(path, 'replicas', i.replicas, 'is set together with autoscaling',
      'drop replicas; autoscaling.minReplicas and maxReplicas decide the count');
  }
  const { minReplicas, maxReplicas } = a;
  if (!Number.isInteger(minReplicas) || minReplicas < 0 || minReplicas > INT32_MAX) {
    throw new ValidationError(path, 'autoscaling.minReplicas', minReplicas, 'is not a whole number ≥ 0',
      'give 1 or more (0 only in KSERVE_SERVERLESS mode)');
  }
  if (!Number.isInteger(maxReplicas) || maxReplicas < 1 || maxReplicas > INT32_MAX) {
    throw new ValidationError(path, 'autoscaling.maxReplicas', maxReplicas, 'is not a whole number ≥ 1',
      'give the most replicas the GPUs allow, e.g. 4');
  }
  if (minReplicas > maxReplicas) {
    throw new ValidationError(path, 'autoscaling.minReplicas', minReplicas, `exceeds maxReplicas (${maxReplicas})`, 'make minReplicas ≤ maxReplicas');
  }
  const engineMetrics = i.engine.metrics?.scaling ?? {};
  const defaultMetric = knative ? 'concurrency' : (i.engine.metrics && i.monitoringNamespace ? i.engine.metrics.queue : 'cpu');
  const metric = a.metric ?? defaultMetric;
  const kind = knative
    ? ((KNATIVE_METRICS as readonly string[]).includes(metric) ? 'knative' : undefined)
    : metric in RESOURCE_TARGETS ? 'resource' : metric in engineMetrics ? 'engine' : undefined;
  if (!kind) {
    const allowed = knative ? [...KNATIVE_METRICS] : [...Object.keys(RESOURCE_TARGETS), ...Object.keys(engineMetrics)];
    const problem = !knative && !(metric in engineMetrics) && /[:_]/.test(metric)
      ? `is not a metric the ${i.engine.id} engine exports`
      : `cannot drive autoscaling in ${mode} mode`;
    throw new ValidationError(path, 'autoscaling.metric', metric, problem, `use one of ${allowed.join(', ')}`);
  }
  if (minReplicas === 0 && !knative) {
    const why = kind === 'engine'
      ? `${metric} disappears with the last pod, so nothing would scale it back up`
      : 'an HPA cannot scale below one replica';
    throw new ValidationError(path, 'autoscaling.minReplicas', 0, `cannot work in ${mode} mode: ${why}`,
      'use minReplicas ≥ 1, or ServingMode.KSERVE_SERVERLESS for scale to zero');
  }
  if (kind === 'engine' && !i.monitoringNamespace) {
    throw new ValidationError(path, 'autoscaling.metric', metric,
      'is read from Prometheus, which the network policy keeps away from the pods unless monitoring names its namespace',
      'set monitoring: { namespace: "<Prometheus namespace>" }, or scale on "cpu"');
  }
  const target = a.target ?? (kind === 'resource' ? RESOURCE_TARGETS[metric] : kind === 'engine' ? engineMetrics[metric] : undefined);
  if (kind === 'engine' && target === undefined) {
    throw new ValidationError(path, 'autoscaling.target', target, `has no default for ${metric}`, 'give the per-replica target value of the metric');
  }
  const badTarget = (t: unknown) => typeof t !== 'number' || !Number.isFinite(t) || !(t > 0) || t > INT32_MAX
    || (kind !== 'engine' && !Number.isInteger(t));
  if (target !== undefined && badTarget(target)) {
    throw new ValidationError(path, 'autoscaling.target', target, kind === 'engine' ? 'is not a positive number' : 'is not a positive whole number',
      'give the per-replica target, e.g. 80 for cpu');
  }
  const prometheus = a.prometheusAddress ?? `http://prometheus-operated.${i.monitoringNamespace}.svc:9090`;
  if (kind === 'engine' && !/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(prometheus)) {
    throw new ValidationError(path, 'autoscaling.prometheusAddress', prometheus, 'is not an http(s) URL',
      'give e.g. "http://prometheus-operated.monitoring.svc:9090"');
  }
  const query = `sum(${metric}{${i.seriesSelector}})`;
  const base = { minReplicas, maxReplicas };

  if (mode === ServingMode.DEPLOYMENT) {
    const meta = { name: i.name, namespace: i.namespace, labels: i.labels };
    const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: i.name };
    const obj: HorizontalPodAutoscaler | ScaledObject = kind === 'resource'
      ? {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: meta,
        spec: {
          scaleTargetRef: ref, minReplicas, maxReplicas,
          metrics: [{ type: 'Resource', resource: { name: metric, target: { type: 'Utilization', averageUtilization: target } } }],
        },
      }
      : {
        apiVersion: 'keda.sh/v1alpha1',
        kind: 'ScaledObject',
        metadata: meta,
        spec: {
          scaleTargetRef: ref, minReplicaCount: minReplicas, maxReplicaCount: maxReplicas,
          triggers: [{ type: 'prometheus', metadata: { serverAddress: prometheus, query, threshold: String(target) } }],
        },
      };
    return { annotations: {}, predictor: {}, objects: [obj], maxReplicas, metric };
  }
  // the kind check above admits only Knative's metrics here and only cpu/memory in the resource branch below
  const scaleMetric = metric as PredictorSpec['scaleMetric'];
  if (knative) {
    return { annotations: {}, predictor: { ...base, scaleMetric, ...(target !== undefined ? { scaleTarget: target } : {}) }, objects: [],
      maxReplicas, metric };
  }
  if (kind === 'resource') {
    return { annotations: { 'serving.kserve.io/autoscalerClass': 'hpa' }, predictor: { ...base, scaleMetric, scaleTarget: target },
      objects: [], maxReplicas, metric };
  }
  return {
    annotations: { 'serving.kserve.io/autoscalerClass': 'keda' },
    predictor: {
      ...base,
      autoScaling: {
        metrics: [{
          type: 'External',
          external: { metric: { backend: 'prometheus', serverAddress: prometheus, query }, target: { type: 'Value', value: String(target) } },
        }],
      },
    },
    objects: [],
    maxReplicas,
    metric,
  };
}
