import type { ObjectMeta } from '../kube';

/**
 * cert-manager's `Certificate` (`cert-manager.io/v1`) as the library emits it: the fields it sets,
 * named and typed as in cert-manager's CRD schema. A test checks that every object this type allows
 * is accepted by the type generated from that schema (`@kubernetes-models/cert-manager`, a development
 * dependency, so the published declarations do not name it). Types only: nothing here exists at run time.
 */
export type Certificate = {
  /** cert-manager's served API version. */
  readonly apiVersion: 'cert-manager.io/v1';
  /** The kind. */
  readonly kind: 'Certificate';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The spec. */
  readonly spec: CertificateSpec;
};

/** `spec` of a {@link Certificate}. */
export interface CertificateSpec {
  /** The Secret the key pair is written to. */
  readonly secretName: string;
  /** The certificate's common name. */
  readonly commonName: string;
  /** The certificate's DNS names. */
  readonly dnsNames: string[];
  /** Key usages. */
  readonly usages: ('server auth' | 'digital signature' | 'key encipherment')[];
  /** The private key's algorithm, size, encoding and rotation. */
  readonly privateKey: {
    readonly algorithm: 'RSA' | 'ECDSA' | 'Ed25519';
    readonly size: number;
    readonly encoding: 'PKCS1' | 'PKCS8';
    readonly rotationPolicy: 'Never' | 'Always';
  };
  /** The issuer that signs it. */
  readonly issuerRef: { readonly name: string; readonly kind: string; readonly group: string };
}
