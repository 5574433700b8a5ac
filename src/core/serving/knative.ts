import { NetworkPolicyIngressRule, PodSecurityContext } from '../kube';
import type { PredictorSpec } from '../crds/kserve';
import { ValidationError } from '../errors';
import { KnativeFeature, knativeFeatureOn, knativeViolations, predictorPodSpec } from '../knative';

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
export function knativeIngress(ingressNamespaces: readonly string[]): NetworkPolicyIngressRule[] {
  return [
    { from: ingressNamespaces.map(byName), ports: [{ protocol: 'TCP', port: KNATIVE_QUEUE_PORT }] },
    { from: [byName(KNATIVE_SERVING_NAMESPACE)], ports: [{ protocol: 'TCP', port: KNATIVE_AUTOSCALER_METRICS_PORT }] },
  ];
}

/**
 * The pod securityContext Knative accepts: none unless the cluster enables
 * `kubernetes.podspec-securitycontext` (the restricted settings are on every container, which
 * Knative always accepts); with it, everything but `fsGroupChangePolicy`, which Knative refuses always.
 */
export function knativePodSecurityContext(
  sc: PodSecurityContext, declared: readonly KnativeFeature[] | undefined,
): PodSecurityContext | undefined {
  if (!knativeFeatureOn(KnativeFeature.PODSPEC_SECURITY_CONTEXT, declared)) return undefined;
  const { fsGroupChangePolicy: _dropped, ...rest } = sc;
  return rest;
}

/**
 * The last check of a serverless predictor: every field Knative would refuse with the declared
 * features is a ValidationError naming the field and the config-features key(s) that unlock it, or,
 * for a field no key unlocks, the modes that accept it.
 */
export function requireKnativeAccepts(path: string, predictor: PredictorSpec, declared: readonly KnativeFeature[] | undefined): void {
  const violations = knativeViolations(predictorPodSpec(predictor), declared ?? []);
  const hard = violations.filter(v => v.feature === undefined);
  if (hard.length > 0) {
    throw new ValidationError(path, `predictor.${hard[0].field}`, hard.map(v => v.field), `${hard[0].problem} (Knative, serverless mode)`,
      'use ServingMode.KSERVE or ServingMode.DEPLOYMENT');
  }
  const keys = [...new Set(violations.map(v => v.feature as KnativeFeature))];
  if (keys.length === 0) return;
  const fields = violations.map(v => `${v.field} needs "${v.feature}"`).join(', ');
  const names = keys.map(k => `KnativeFeature.${Object.entries(KnativeFeature).find(([, v]) => v === k)?.[0]}`);
  throw new ValidationError(path, `predictor.${violations[0].field}`, violations.map(v => v.field),
    `would be refused by Knative in serverless mode (${fields}); these config-features keys are Disabled by default `
      + '(KServe\'s install does not enable them)',
    `set ${keys.map(k => `"${k}: enabled"`).join(', ')} in ConfigMap knative-serving/config-features and declare knativeFeatures: `
      + `[${names.join(', ')}], or use ServingMode.KSERVE or ServingMode.DEPLOYMENT`);
}

/** Predictor annotations that raise Knative's progress deadline above the startup budget. */
export function knativePredictorAnnotations(progressDeadlineSeconds: number): { annotations: Record<string, string> } {
  return { annotations: { 'serving.knative.dev/progress-deadline': `${progressDeadlineSeconds}s` } };
}
