import { ValidationError } from './errors';
import { EnvVar, NetworkPolicyEgressRule, Volume, VolumeMount } from './kube';
import { METADATA_CIDR } from './network';
import { isDnsSubdomain } from './pod-placement';
import { isRecord, kindOf } from './shapes';

/** A ConfigMap key holding PEM certificates. */
export interface ConfigMapKeyRef {
  /** ConfigMap name. */
  readonly name: string;
  /** Key whose value is the PEM bundle. */
  readonly key: string;
}

/** The corporate proxy the download step goes through. The serving container never gets it. */
export interface DownloadProxyOptions {
  /** Proxy URL for HTTPS requests, e.g. `http://proxy.corp.example:3128`. */
  readonly httpsProxy: string;
  /**
   * Hosts that bypass the proxy (comma-separated, as `NO_PROXY`).
   * @default - none
   */
  readonly noProxy?: string;
  /**
   * PEM bundle the download step trusts instead of the image's default CAs (a TLS-inspecting proxy's CA).
   * It replaces the trust store of the download step: include public roots if the proxy passes TLS through.
   * @default - the image's CA certificates
   */
  readonly caBundle?: ConfigMapKeyRef;
}

/** Where the CA bundle is mounted in the download step. */
export const PROXY_CA_DIR = '/etc/hf-serving/download-ca';
const PROXY_CA_FILE = 'ca.pem';
const PROXY_CA_VOLUME = 'download-ca';
const PROXY_URL = /^(https?):\/\/(?:[^\s@/]+@)?(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/;
const NO_PROXY_ENTRY = /^(\*|\.?[A-Za-z0-9.-]+|[0-9a-fA-F:.]+(\/\d{1,3})?)(:\d{1,5})?$/;

/** The proxy URL, split. */
export interface ParsedProxy {
  /** Proxy host name or address. */
  readonly host: string;
  /** Proxy port. */
  readonly port: number;
}

/** Validate `downloadProxy`; returns its host and port (default 80 for `http://`, 443 for `https://`). */
export function validateDownloadProxy(path: string, p: DownloadProxyOptions | undefined): ParsedProxy | undefined {
  if (p === undefined) return undefined;
  if (!isRecord(p)) {
    throw new ValidationError(path, 'downloadProxy', kindOf(p), 'is not a { httpsProxy, noProxy?, caBundle? } object',
      'give e.g. { httpsProxy: "http://proxy.corp.example:3128" }');
  }
  const m = typeof p.httpsProxy === 'string' ? PROXY_URL.exec(p.httpsProxy) : null;
  if (!m) {
    throw new ValidationError(path, 'downloadProxy.httpsProxy', p.httpsProxy, 'is not a proxy URL', 'give http://host:port (or https://host:port)');
  }
  if (/^[a-z]+:\/\/[^/@]+@/.test(p.httpsProxy)) {
    throw new ValidationError(path, 'downloadProxy.httpsProxy', '<redacted URL with credentials>',
      'carries credentials in the URL, which would be a literal in the manifest',
      'use a proxy that authenticates the pod otherwise (network identity), or a URL without user:password');
  }
  const port = m[3] ? Number(m[3]) : (m[1] === 'https' ? 443 : 80);
  if (port < 1 || port > 65535) {
    throw new ValidationError(path, 'downloadProxy.httpsProxy', p.httpsProxy, 'has a port outside 1-65535', 'give the proxy port, e.g. 3128');
  }
  if (p.noProxy !== undefined && (typeof p.noProxy !== 'string' || !p.noProxy.split(',').map(s => s.trim()).every(s => NO_PROXY_ENTRY.test(s)))) {
    throw new ValidationError(path, 'downloadProxy.noProxy', p.noProxy, 'is not a comma-separated list of hosts, domains or CIDRs',
      'give e.g. ".svc,.cluster.local,10.0.0.0/8"');
  }
  if (p.caBundle !== undefined && (!isRecord(p.caBundle) || !isDnsSubdomain(p.caBundle.name) || typeof p.caBundle.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(p.caBundle.key))) {
    throw new ValidationError(path, 'downloadProxy.caBundle', p.caBundle, 'is not a ConfigMap key reference',
      'give { name: "<configmap>", key: "ca.crt" }');
  }
  return { host: m[2], port };
}

/**
 * Environment of the download step behind the proxy. Both spellings of the proxy variables are set
 * (Python's `urllib.request.getproxies_environment`, used by requests, reads the lower-case name
 * first); the CA bundle is named for every HTTP stack the download images use: requests
 * (psf/requests `src/requests/sessions.py` `merge_environment_settings`: `REQUESTS_CA_BUNDLE`, then
 * `CURL_CA_BUNDLE`), httpx and OpenSSL (`SSL_CERT_FILE`), boto3 for `s3://` (`AWS_CA_BUNDLE`).
 */
export function downloadProxyEnv(p: DownloadProxyOptions): EnvVar[] {
  const ca = `${PROXY_CA_DIR}/${PROXY_CA_FILE}`;
  return [
    { name: 'HTTPS_PROXY', value: p.httpsProxy },
    { name: 'https_proxy', value: p.httpsProxy },
    ...(p.noProxy ? [{ name: 'NO_PROXY', value: p.noProxy }, { name: 'no_proxy', value: p.noProxy }] : []),
    ...(p.caBundle ? ['REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'AWS_CA_BUNDLE'].map(name => ({ name, value: ca })) : []),
  ];
}

/** The CA bundle volume and its read-only mount in the download step (none without `caBundle`). */
export function downloadProxyVolume(p: DownloadProxyOptions): { volumes: Volume[]; mounts: VolumeMount[] } {
  if (!p.caBundle) return { volumes: [], mounts: [] };
  return {
    volumes: [{ name: PROXY_CA_VOLUME, configMap: { name: p.caBundle.name, items: [{ key: p.caBundle.key, path: PROXY_CA_FILE }] } }],
    mounts: [{ name: PROXY_CA_VOLUME, mountPath: PROXY_CA_DIR, readOnly: true }],
  };
}

/**
 * Egress rule to the proxy port. A NetworkPolicy cannot name a host, so the port is opened to every
 * address but the cloud metadata service (private ranges included: proxies usually live there).
 */
export function downloadProxyEgress(parsed: ParsedProxy): NetworkPolicyEgressRule {
  return {
    to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [METADATA_CIDR] } }],
    ports: [{ protocol: 'TCP', port: parsed.port }],
  };
}
