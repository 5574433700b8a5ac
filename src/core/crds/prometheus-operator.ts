import type { ObjectMeta } from '../kube';

/**
 * The Prometheus Operator's `PodMonitor`, `ServiceMonitor` and `PrometheusRule`
 * (`monitoring.coreos.com/v1`) as the library emits them: the fields it sets, named and typed as in
 * the operator's CRD schemas. A test checks that every object these types allow is accepted by the
 * types generated from those schemas (`@kubernetes-models/prometheus-operator`, a development
 * dependency, so the published declarations do not name it). Types only: nothing here exists at run time.
 */
export type PodMonitor = {
  /** The operator's served API version. */
  readonly apiVersion: 'monitoring.coreos.com/v1';
  /** The kind. */
  readonly kind: 'PodMonitor';
  /** Name, namespace and labels (Prometheus selects monitors by label). */
  readonly metadata: ObjectMeta;
  /** The pods scraped, and how. */
  readonly spec: { readonly selector: LabelSelector; readonly podMetricsEndpoints: ScrapeEndpoint[] };
};

/** A `ServiceMonitor`: scrapes the endpoints behind a Service (see {@link PodMonitor}). */
export type ServiceMonitor = {
  /** The operator's served API version. */
  readonly apiVersion: 'monitoring.coreos.com/v1';
  /** The kind. */
  readonly kind: 'ServiceMonitor';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The Services scraped, and how. */
  readonly spec: { readonly selector: LabelSelector; readonly endpoints: ScrapeEndpoint[] };
};

/** A `PrometheusRule`: alerting rules (see {@link PodMonitor}). */
export type PrometheusRule = {
  /** The operator's served API version. */
  readonly apiVersion: 'monitoring.coreos.com/v1';
  /** The kind. */
  readonly kind: 'PrometheusRule';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The rule groups. */
  readonly spec: { readonly groups: RuleGroup[] };
};

/** A label selector by exact labels. */
export interface LabelSelector {
  /** The labels. */
  readonly matchLabels: Record<string, string>;
}

/** A scrape endpoint: the named port, the metrics path, the scheme. */
export interface ScrapeEndpoint {
  /** The port name. */
  readonly port: string;
  /** The metrics path. */
  readonly path: string;
  /** The scheme. */
  readonly scheme: 'http' | 'https';
}

/** A group of alerting rules. */
export interface RuleGroup {
  /** The group name. */
  readonly name: string;
  /** The rules. */
  readonly rules: AlertingRule[];
}

/** An alerting rule. */
export interface AlertingRule {
  /** The alert name. */
  readonly alert: string;
  /** The PromQL expression. */
  readonly expr: string;
  /** How long the expression holds before the alert fires. */
  readonly for: string;
  /** Labels of the alert. */
  readonly labels: Record<string, string>;
  /** Annotations of the alert. */
  readonly annotations: Record<string, string>;
}
