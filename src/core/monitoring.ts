import { ServingTarget } from './serving-target';
import { Engine, EngineMetrics } from './engines/engine';
import { ValidationError } from './errors';
import { ObjectMeta } from './kube';
import type { PodMonitor, PrometheusRule, ServiceMonitor } from './crds/prometheus-operator';
import { isDnsLabel } from './labels';
import { ServingMode } from './serving-mode';

/** Alert thresholds of the PrometheusRule. */
export interface AlertThresholds {
  /**
   * Fraction of requests that fail (over 5 minutes) above which `ModelHighErrorRate` fires.
   * @default 0.05
   */
  readonly errorRatio?: number;
  /**
   * 95th percentile end-to-end latency in seconds above which `ModelHighLatency` fires.
   * @default 30
   */
  readonly latencySeconds?: number;
  /**
   * Requests waiting (summed over the pods) above which `ModelQueueBacklog` fires.
   * @default 20
   */
  readonly queueDepth?: number;
}

/** Who scrapes the model pods, and whether to create prometheus-operator objects. */
export interface MonitoringOptions {
  /** Namespace Prometheus runs in; only it may reach the metrics port (besides `allowFrom`). */
  readonly namespace: string;
  /**
   * Which scrape object to create (`PodMonitor` works in every mode; `ServiceMonitor` needs the
   * Service of DEPLOYMENT mode), or `none` to only open the metrics port.
   * @default 'PodMonitor'
   */
  readonly monitor?: 'PodMonitor' | 'ServiceMonitor' | 'none';
  /**
   * Create a `PrometheusRule` with error-rate, latency and queue-depth alerts.
   * @default true (when `monitor` is not 'none')
   */
  readonly alerts?: boolean;
  /**
   * Alert thresholds.
   * @default - see {@link AlertThresholds}
   */
  readonly thresholds?: AlertThresholds;
  /**
   * Labels on the monitor and rule objects, for the Prometheus resource's selectors (e.g. `{ release: 'kube-prometheus-stack' }`).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Alert defaults, in one place. */
export const ALERT_DEFAULTS = { errorRatio: 0.05, latencySeconds: 30, queueDepth: 20 } as const;
/** The scrape object created when `monitoring.monitor` is not given. */
export const DEFAULT_MONITOR = 'PodMonitor';

/** Inputs of {@link monitoringObjects}. */
export interface MonitoringInputs extends ServingTarget {
  /** Labels that select the model pods. */
  readonly podSelector: Record<string, string>;
  /** Name of the container port that serves metrics. */
  readonly portName: string;
}

/** Check monitoring options before anything renders. */
export function validateMonitoring(path: string, m: MonitoringOptions, mode: ServingMode, engine: Engine): void {
  if (!m.namespace || !isDnsLabel(m.namespace)) {
    throw new ValidationError(path, 'monitoring.namespace', m.namespace, 'is not a namespace name',
      'give the namespace Prometheus runs in, e.g. "monitoring"');
  }
  const monitor = m.monitor ?? DEFAULT_MONITOR;
  if (!['PodMonitor', 'ServiceMonitor', 'none'].includes(monitor)) {
    throw new ValidationError(path, 'monitoring.monitor', monitor, 'is not a monitor kind', 'use "PodMonitor", "ServiceMonitor" or "none"');
  }
  if (monitor === 'ServiceMonitor' && mode !== ServingMode.DEPLOYMENT) {
    throw new ValidationError(path, 'monitoring.monitor', monitor, `needs a Service this library owns, and in ${mode} mode KServe owns it`,
      'use "PodMonitor"');
  }
  if (m.alerts === true && !engine.metrics) {
    throw new ValidationError(path, 'monitoring.alerts', true, `needs engine metrics, and the ${engine.id} engine exports none the rules can use`,
      'drop alerts');
  }
  const t = m.thresholds ?? {};
  for (const [field, v] of Object.entries(t)) {
    if (typeof v !== 'number' || !(v > 0) || (field === 'errorRatio' && v >= 1)) {
      throw new ValidationError(path, `monitoring.thresholds.${field}`, v, field === 'errorRatio' ? 'is not in (0, 1)' : 'is not a positive number',
        'give a positive threshold');
    }
  }
}

/** The PodMonitor/ServiceMonitor and PrometheusRule of one model, per its monitoring options. */
export function monitoringObjects(m: MonitoringOptions, i: MonitoringInputs): (PodMonitor | ServiceMonitor | PrometheusRule)[] {
  const monitor = m.monitor ?? DEFAULT_MONITOR;
  if (monitor === 'none') return [];
  const labels = { ...i.labels, ...(m.labels ?? {}) };
  const meta = (name: string) => ({ name, namespace: i.namespace, labels });
  const endpoint = { port: i.portName, path: i.engine.routes.metrics, scheme: 'http' as const };
  const scrape: PodMonitor | ServiceMonitor = monitor === 'PodMonitor'
    ? {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: meta(i.name),
      spec: { selector: { matchLabels: { ...i.podSelector } }, podMetricsEndpoints: [endpoint] },
    }
    : {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'ServiceMonitor',
      metadata: meta(i.name),
      spec: { selector: { matchLabels: { ...i.podSelector } }, endpoints: [{ ...endpoint, port: 'http' }] },
    };
  const alerts = (m.alerts ?? true) && i.engine.metrics;
  return alerts ? [scrape, prometheusRule(i, i.engine.metrics!, { ...ALERT_DEFAULTS, ...(m.thresholds ?? {}) }, meta(`${i.name}-alerts`))] : [scrape];
}

function prometheusRule(i: MonitoringInputs, metrics: EngineMetrics, t: Required<AlertThresholds>, metadata: ObjectMeta): PrometheusRule {
  const sel = i.seriesSelector;
  const f = metrics.requests.failed;
  const failed = `${f.metric}{${[sel, ...(f.matcher ? [f.matcher] : [])].join(',')}}`;
  const labels = { severity: 'warning', model: i.name };
  const annotations = (summary: string) => ({ summary: `${summary} (${i.namespace}/${i.name})` });
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata,
    spec: {
      groups: [{
        name: `${i.name}.rules`,
        rules: [
          {
            alert: 'ModelHighErrorRate',
            expr: `sum(rate(${failed}[5m])) / sum(rate(${metrics.requests.total}{${sel}}[5m])) > ${t.errorRatio}`,
            for: '10m', labels, annotations: annotations(`More than ${t.errorRatio * 100}% of requests fail`),
          },
          {
            alert: 'ModelHighLatency',
            expr: `histogram_quantile(0.95, sum by (le) (rate(${metrics.latencySeconds}_bucket{${sel}}[5m]))) > ${t.latencySeconds}`,
            for: '10m', labels, annotations: annotations(`p95 request latency above ${t.latencySeconds}s`),
          },
          {
            alert: 'ModelQueueBacklog',
            expr: `sum(${metrics.queue}{${sel}}) > ${t.queueDepth}`,
            for: '10m', labels, annotations: annotations(`More than ${t.queueDepth} requests waiting`),
          },
        ],
      }],
    },
  };
}
