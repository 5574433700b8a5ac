import { ValidationError } from './errors';
import { NetworkPolicyIngressRule } from './kube';
import type { HTTPRoute } from './crds/gateway-api';
import { isDnsLabel } from './labels';
import { isDnsSubdomain } from './pod-placement';
import { ServingMode } from './serving-mode';

/** The Gateway (Gateway API) a model is exposed through. */
export interface GatewayRef {
  /** Gateway name. */
  readonly name: string;
  /** Namespace of the Gateway (its listener must allow routes from the model's namespace). */
  readonly namespace: string;
  /**
   * Listener of the Gateway to attach to (e.g. its HTTPS listener).
   * @default - every listener that accepts the route
   */
  readonly sectionName?: string;
}

/** Exposure outside the cluster through a Gateway API Gateway (opt-in). */
export interface ExposeOptions {
  /** The Gateway to attach an HTTPRoute to. */
  readonly gateway: GatewayRef;
  /** Host names the route answers, e.g. `['llm.example.com']`. */
  readonly hostnames: readonly string[];
  /**
   * TLS of the route. Not supported: TLS for an HTTPRoute terminates on the Gateway's listener.
   * @default - terminate TLS on the Gateway listener named by `gateway.sectionName`
   */
  readonly tls?: unknown;
}

/** Gateway API version the HTTPRoute is written for (`gateway.networking.k8s.io/v1`, standard channel). */
export const HTTP_ROUTE_API_VERSION = 'gateway.networking.k8s.io/v1';
/** A host name as HTTPRoute accepts it (a DNS name, optionally with one leading `*.` label). */
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** Validate `expose`; refused in serverless mode (Knative routes through its own ingress). */
export function validateExpose(path: string, e: ExposeOptions | undefined, mode: ServingMode): void {
  if (e === undefined) return;
  if (mode === ServingMode.KSERVE_SERVERLESS) {
    throw new ValidationError(path, 'expose', e.gateway?.name,
      'cannot route to a Knative service: Knative answers through its own ingress (Istio, Kourier)',
      'expose it through Knative\'s domain configuration, or use ServingMode.KSERVE or ServingMode.DEPLOYMENT');
  }
  const g = e.gateway;
  if (typeof g !== 'object' || g === null || !isDnsSubdomain(g.name)) {
    throw new ValidationError(path, 'expose.gateway.name', g?.name, 'is not a Gateway name', 'give the name of an existing Gateway');
  }
  if (!isDnsLabel(g.namespace)) {
    throw new ValidationError(path, 'expose.gateway.namespace', g.namespace, 'is not a namespace name',
      'give the Gateway\'s namespace, e.g. "gateway-system"');
  }
  if (g.sectionName !== undefined && !isDnsSubdomain(g.sectionName)) {
    throw new ValidationError(path, 'expose.gateway.sectionName', g.sectionName, 'is not a listener name',
      'give the name of the Gateway listener, e.g. "https"');
  }
  if (!Array.isArray(e.hostnames) || e.hostnames.length === 0) {
    throw new ValidationError(path, 'expose.hostnames', e.hostnames, 'is empty', 'give at least one host name, e.g. ["llm.example.com"]');
  }
  e.hostnames.forEach((h, i) => {
    if (typeof h !== 'string' || h.length > 253 || !HOSTNAME.test(h)) {
      throw new ValidationError(path, `expose.hostnames[${i}]`, h, 'is not a host name',
        'give a lower-case DNS name such as "llm.example.com" (no IP, no port)');
    }
  });
  if (e.tls !== undefined) {
    throw new ValidationError(path, 'expose.tls', e.tls,
      'is not supported: an HTTPRoute carries no certificate, TLS terminates on the Gateway listener',
      'configure the certificate on the Gateway\'s HTTPS listener and name that listener with expose.gateway.sectionName');
  }
}

/** Inputs of {@link httpRoute}. */
export interface HttpRouteInputs {
  /** Name of the HTTPRoute (the model's name). */
  readonly name: string;
  /** Namespace of the HTTPRoute (the model's namespace). */
  readonly namespace: string;
  /** Labels of the HTTPRoute (the model's standard labels). */
  readonly labels: Record<string, string>;
  /** The Service in front of the pods, and its port. */
  readonly service: { readonly name: string; readonly port: number };
  /** The only path prefix routed (the engine's OpenAI-compatible API): health, metrics and engine-internal routes stay in the cluster. */
  readonly pathPrefix: string;
}

/** The HTTPRoute attaching the model's OpenAI-compatible API (and nothing else) to the Gateway. */
export function httpRoute(e: ExposeOptions, i: HttpRouteInputs): HTTPRoute {
  return {
    apiVersion: HTTP_ROUTE_API_VERSION,
    kind: 'HTTPRoute',
    metadata: { name: i.name, namespace: i.namespace, labels: i.labels },
    spec: {
      parentRefs: [{
        group: 'gateway.networking.k8s.io', kind: 'Gateway', name: e.gateway.name, namespace: e.gateway.namespace,
        ...(e.gateway.sectionName ? { sectionName: e.gateway.sectionName } : {}),
      }],
      hostnames: [...e.hostnames],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: i.pathPrefix } }],
        backendRefs: [{ name: i.service.name, port: i.service.port }],
      }],
    },
  };
}

/** The ingress rule that lets the Gateway's pods (any pod of its namespace) reach the serving port. */
export function gatewayIngress(e: ExposeOptions, port: number): NetworkPolicyIngressRule {
  return {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': e.gateway.namespace } }, podSelector: {} }],
    ports: [{ protocol: 'TCP', port }],
  };
}
