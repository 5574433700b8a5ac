import type { ObjectMeta } from '../kube';

/**
 * Gateway API's `HTTPRoute` (`gateway.networking.k8s.io/v1`) as the library emits it: the fields it
 * sets, named and typed as in the Gateway API CRD schema. A test checks that every object this type
 * allows is accepted by the type generated from that schema (`@kubernetes-models/gateway-api`, a
 * development dependency, so the published declarations do not name it). Types only: nothing here
 * exists at run time.
 */
export type HTTPRoute = {
  /** The served API version. */
  readonly apiVersion: 'gateway.networking.k8s.io/v1';
  /** The kind. */
  readonly kind: 'HTTPRoute';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The spec. */
  readonly spec: HTTPRouteSpec;
};

/** `spec` of an {@link HTTPRoute}. */
export interface HTTPRouteSpec {
  /** The Gateway (listener) the route attaches to. */
  readonly parentRefs: {
    readonly group: string; readonly kind: string; readonly name: string; readonly namespace: string; readonly sectionName?: string;
  }[];
  /** Host names routed. */
  readonly hostnames: string[];
  /** Path matches and the Service they go to. */
  readonly rules: {
    readonly matches: { readonly path: { readonly type: 'Exact' | 'PathPrefix' | 'RegularExpression'; readonly value: string } }[];
    readonly backendRefs: { readonly name: string; readonly port: number }[];
  }[];
}
