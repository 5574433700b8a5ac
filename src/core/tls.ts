import { TlsFiles } from './engines/engine';
import { ValidationError } from './errors';
import { NetworkPolicyEgressRule, Volume, VolumeMount } from './kube';
import type { Certificate } from './crds/cert-manager';
import type { PeerAuthentication } from './crds/istio';
import { isDnsSubdomain } from './pod-placement';
import { isRecord, kindOf } from './shapes';

/**
 * How Knative's queue-proxy reaches the user container: plain HTTP to `127.0.0.1:<port>`
 * (knative/serving knative-v1.21.1 `pkg/queue/sharedmain/main.go` `buildProxyHandler`), so a
 * serverless server cannot terminate TLS itself; Knative encrypts with its own `system-internal-tls`.
 */
export const KNATIVE_USER_CONTAINER_SCHEME = 'http';

/** A cert-manager issuer that signs the serving certificate. */
export interface CertificateIssuerRef {
  /** Name of the Issuer or ClusterIssuer. */
  readonly name: string;
  /**
   * Kind of the issuer.
   * @default 'Issuer'
   */
  readonly kind?: 'Issuer' | 'ClusterIssuer';
  /**
   * API group of the issuer (an external issuer's group, e.g. `awspca.cert-manager.io`).
   * @default 'cert-manager.io'
   */
  readonly group?: string;
}

/** Where the serving certificate comes from: issued by cert-manager, or an existing `kubernetes.io/tls` Secret. */
export type TlsCertificate = { readonly issuerRef: CertificateIssuerRef } | { readonly secretName: string };

/** TLS on the serving port, terminated by the engine itself. */
export interface TlsOptions {
  /** The certificate: `{ issuerRef }` creates a cert-manager `Certificate`; `{ secretName }` uses your Secret (keys `tls.crt`, `tls.key`). */
  readonly certificate: TlsCertificate;
}

/** A service mesh that encrypts and authenticates the model's traffic instead of the engine. */
export type ServiceMesh = 'istio';

/** Where the certificate Secret is mounted (read-only) in the serving container. */
export const TLS_DIR = '/etc/hf-serving/tls';
/** Files of a `kubernetes.io/tls` Secret (the keys cert-manager writes). */
export const TLS_FILES: TlsFiles = { certFile: `${TLS_DIR}/tls.crt`, keyFile: `${TLS_DIR}/tls.key` };
const TLS_VOLUME = 'serving-tls';

/**
 * The key cert-manager issues: RSA, because TorchServe reads only RSA keys (pytorch/serve v0.12.0
 * `frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java` `loadPrivateKey`:
 * `KeyFactory.getInstance("RSA")`, PKCS#8 or OpenSSL PKCS#1 PEM), and every engine with TLS reads
 * PEM files; rotated with each renewal. Field names: cert-manager `cert-manager.io/v1` Certificate.
 */
export const CERTIFICATE_PRIVATE_KEY = { algorithm: 'RSA', size: 2048, encoding: 'PKCS8', rotationPolicy: 'Always' } as const;

/** Validate `tls` and `mesh` (one at most). */
export function validateTls(path: string, tls: TlsOptions | undefined, mesh: ServiceMesh | undefined): void {
  if (mesh !== undefined && mesh !== 'istio') {
    throw new ValidationError(path, 'mesh', mesh, 'is not a mesh the library knows', 'use mesh: "istio", or leave it out');
  }
  if (tls === undefined) return;
  if (mesh !== undefined) {
    throw new ValidationError(path, 'tls', '<certificate>', 'is set together with mesh: "istio", which already encrypts the traffic (mTLS)',
      'give one of tls and mesh');
  }
  const c = isRecord(tls) ? tls.certificate : undefined;
  if (!isRecord(c)) {
    throw new ValidationError(path, 'tls.certificate', isRecord(tls) ? kindOf(c) : kindOf(tls), 'is not { issuerRef } or { secretName }',
      'give tls: { certificate: { issuerRef: { name: "internal-ca", kind: "ClusterIssuer" } } }');
  }
  const hasIssuer = 'issuerRef' in c;
  const hasSecret = 'secretName' in c;
  if (hasIssuer === hasSecret) {
    throw new ValidationError(path, 'tls.certificate', Object.keys(c), 'must have exactly one of issuerRef and secretName',
      'give { issuerRef: { name } } for cert-manager, or { secretName } for your own kubernetes.io/tls Secret');
  }
  if (hasSecret && !isDnsSubdomain(c.secretName)) {
    throw new ValidationError(path, 'tls.certificate.secretName', c.secretName, 'is not a Secret name',
      'give the name of a kubernetes.io/tls Secret');
  }
  if (hasIssuer) {
    const r = c.issuerRef;
    if (!isRecord(r) || !isDnsSubdomain(r.name)) {
      throw new ValidationError(path, 'tls.certificate.issuerRef.name', isRecord(r) ? r.name : kindOf(r), 'is not an issuer name',
        'give the name of a cert-manager Issuer or ClusterIssuer');
    }
    if (r.kind !== undefined && r.kind !== 'Issuer' && r.kind !== 'ClusterIssuer') {
      throw new ValidationError(path, 'tls.certificate.issuerRef.kind', r.kind, 'is not Issuer or ClusterIssuer', 'give "Issuer" or "ClusterIssuer"');
    }
    if (r.group !== undefined && !isDnsSubdomain(r.group)) {
      throw new ValidationError(path, 'tls.certificate.issuerRef.group', r.group, 'is not an API group', 'give e.g. "cert-manager.io"');
    }
  }
}

/** Name of the Secret holding the serving certificate. */
export function tlsSecretName(name: string, tls: TlsOptions): string {
  return 'secretName' in tls.certificate ? tls.certificate.secretName : `${name}-tls`;
}

/** The certificate Secret as a read-only volume and mount. */
export function tlsVolume(name: string, tls: TlsOptions): { volumes: Volume[]; mounts: VolumeMount[] } {
  return {
    volumes: [{ name: TLS_VOLUME, secret: { secretName: tlsSecretName(name, tls) } }],
    mounts: [{ name: TLS_VOLUME, mountPath: TLS_DIR, readOnly: true }],
  };
}

/** Inputs of {@link certificateObjects}. */
export interface CertificateInputs {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Record<string, string>;
  /** Name of the Service clients use (the certificate's DNS names derive from it). */
  readonly serviceName: string;
}

/** API of cert-manager's `Certificate`. */
export const CERTIFICATE_API_VERSION = 'cert-manager.io/v1' as const;

/** A cert-manager `Certificate` for the Service's in-cluster names, when the issuer form is used. */
export function certificateObjects(tls: TlsOptions, i: CertificateInputs): Certificate[] {
  if (!('issuerRef' in tls.certificate)) return [];
  const r = tls.certificate.issuerRef;
  const s = i.serviceName;
  return [{
    apiVersion: CERTIFICATE_API_VERSION,
    kind: 'Certificate',
    metadata: { name: `${i.name}-tls`, namespace: i.namespace, labels: i.labels },
    spec: {
      secretName: `${i.name}-tls`,
      commonName: `${s}.${i.namespace}.svc`,
      dnsNames: [s, `${s}.${i.namespace}`, `${s}.${i.namespace}.svc`, `${s}.${i.namespace}.svc.cluster.local`],
      usages: ['server auth', 'digital signature', 'key encipherment'],
      privateKey: { ...CERTIFICATE_PRIVATE_KEY },
      issuerRef: { name: r.name, kind: r.kind ?? 'Issuer', group: r.group ?? 'cert-manager.io' },
    },
  }];
}

/**
 * Istio's facts (istio/api 1.29.6): `PeerAuthentication` is served as `security.istio.io/v1` (since
 * 1.22.0, where `security/v1/peer_authentication.proto` first appears), selects
 * workloads by `selector.matchLabels` and requires mTLS with `mtls.mode: STRICT`
 * (`security/v1beta1/peer_authentication.proto`); the pod label `sidecar.istio.io/inject: "true"`
 * asks for the sidecar (`label/labels.yaml`); the sidecar fetches its configuration and certificate
 * from istiod on port 15012 (`mesh/v1alpha1/proxy.proto`, `discoveryAddress: istiod:15012`), which
 * runs in `istio-system` by default.
 */
export const ISTIO = {
  peerAuthenticationApiVersion: 'security.istio.io/v1',
  injectLabel: 'sidecar.istio.io/inject',
  namespace: 'istio-system',
  xdsPort: 15012,
} as const;

/** A STRICT `PeerAuthentication` for the model's pods: only mTLS from mesh workloads reaches them. */
export function peerAuthentication(i: {
  name: string; namespace: string; labels: Record<string, string>; podSelector: Record<string, string>;
}): PeerAuthentication {
  return {
    apiVersion: ISTIO.peerAuthenticationApiVersion,
    kind: 'PeerAuthentication',
    metadata: { name: i.name, namespace: i.namespace, labels: i.labels },
    spec: { selector: { matchLabels: { ...i.podSelector } }, mtls: { mode: 'STRICT' } },
  };
}

/** Egress of a meshed pod's sidecar to istiod (configuration and workload certificates). */
export const ISTIOD_EGRESS: NetworkPolicyEgressRule = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': ISTIO.namespace } }, podSelector: {} }],
  ports: [{ protocol: 'TCP', port: ISTIO.xdsPort }],
};
