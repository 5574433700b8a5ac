import type { ObjectMeta } from '../kube';

/**
 * External Secrets Operator's `ExternalSecret` (`external-secrets.io/v1`) as the library emits it: the
 * fields it sets, named and typed as in the operator's CRD schema. A test checks that every object
 * this type allows is accepted by the type generated from that schema
 * (`@kubernetes-models/external-secrets`, a development dependency, so the published declarations do
 * not name it). Types only: nothing here exists at run time.
 */
export type ExternalSecret = {
  /** The operator's served API version. */
  readonly apiVersion: 'external-secrets.io/v1';
  /** The kind. */
  readonly kind: 'ExternalSecret';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The spec. */
  readonly spec: ExternalSecretSpec;
};

/** `spec` of an {@link ExternalSecret}. */
export interface ExternalSecretSpec {
  /** How often the value is read again. */
  readonly refreshInterval: string;
  /** The store read from. */
  readonly secretStoreRef: { readonly kind: 'SecretStore' | 'ClusterSecretStore'; readonly name: string };
  /** The Secret written, owned by the ExternalSecret. */
  readonly target: { readonly name: string; readonly creationPolicy: 'Owner' | 'Orphan' | 'Merge' | 'None' };
  /** Which remote value lands under which Secret key. */
  readonly data: { readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property?: string } }[];
}
