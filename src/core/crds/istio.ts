import type { ObjectMeta } from '../kube';

/**
 * Istio's `PeerAuthentication` (`security.istio.io/v1`) as the library emits it: the fields it sets,
 * named and typed as in Istio's CRD schema. A test checks that every object this type allows is
 * accepted by the type generated from that schema (`@kubernetes-models/istio`, a development
 * dependency, so the published declarations do not name it). Types only: nothing here exists at run time.
 */
export type PeerAuthentication = {
  /** Istio's served API version. */
  readonly apiVersion: 'security.istio.io/v1';
  /** The kind. */
  readonly kind: 'PeerAuthentication';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The workloads selected and the mTLS mode they require. */
  readonly spec: {
    readonly selector: { readonly matchLabels: Record<string, string> };
    readonly mtls: { readonly mode: 'UNSET' | 'DISABLE' | 'PERMISSIVE' | 'STRICT' };
  };
};
