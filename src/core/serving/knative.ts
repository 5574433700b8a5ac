import { Probe } from '../kube';

/** Port of Knative's queue-proxy, where Knative traffic enters the pod. */
export const KNATIVE_QUEUE_PORT = 8012;
/**
 * Port where queue-proxy serves the request statistics the Knative autoscaler scrapes
 * (knative.dev/networking `AutoscalingQueueMetricsPort`).
 */
export const KNATIVE_AUTOSCALER_METRICS_PORT = 9090;
/** Namespace of the Knative autoscaler and activator. */
export const KNATIVE_SERVING_NAMESPACE = 'knative-serving';
/**
 * Namespaces of the Knative activator and the (Istio) ingress gateway.
 * @default the value of the `knativeIngressNamespaces` prop when not given
 */
export const KNATIVE_INGRESS_NAMESPACES: readonly string[] = [KNATIVE_SERVING_NAMESPACE, 'istio-system'];

const byName = (ns: string) => ({ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ns } } });

/**
 * Ingress a Knative pod needs besides its clients: the activator and gateway on the queue-proxy
 * port, and the autoscaler on queue-proxy's metrics port.
 */
export function knativeIngress(ingressNamespaces: readonly string[]): Record<string, unknown>[] {
  return [
    { from: ingressNamespaces.map(byName), ports: [{ protocol: 'TCP', port: KNATIVE_QUEUE_PORT }] },
    { from: [byName(KNATIVE_SERVING_NAMESPACE)], ports: [{ protocol: 'TCP', port: KNATIVE_AUTOSCALER_METRICS_PORT }] },
  ];
}

/** Knative has no startup probe: the liveness probe waits the whole startup budget instead. */
export function knativeProbes(readiness: Probe, liveness: Probe, startupTimeout: number): { readiness: Probe; liveness: Probe } {
  return { readiness, liveness: { ...liveness, initialDelaySeconds: startupTimeout } };
}

/** Predictor annotations that raise Knative's progress deadline above the startup budget. */
export function knativePredictorAnnotations(progressDeadlineSeconds: number): { annotations: Record<string, string> } {
  return { annotations: { 'serving.knative.dev/progress-deadline': `${progressDeadlineSeconds}s` } };
}
