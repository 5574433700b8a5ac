import { ValidationError } from './errors';
import { NetworkPolicy, NetworkPolicyEgressRule, NetworkPolicyIngressRule, NetworkPolicyPeer } from './kube';
import { isDnsLabel } from './labels';
import { isRecord, kindOf, requireArray, requireStringMap } from './shapes';

/** A peer allowed to reach a model's serving port. */
export interface NetworkPeer {
  /**
   * Namespace of the peer pods.
   * @default - the model's own namespace
   */
  readonly namespace?: string;
  /**
   * Labels of the peer pods.
   * @default - every pod of the namespace
   */
  readonly podLabels?: Readonly<Record<string, string>>;
  /**
   * Labels of the peer namespaces, instead of one `namespace` by name.
   * @default - select by `namespace`
   */
  readonly namespaceLabels?: Readonly<Record<string, string>>;
}

/** The keys a {@link NetworkPeer} may have. */
const PEER_KEYS = ['namespace', 'podLabels', 'namespaceLabels'];
/** A label name (the part after an optional `prefix/`) or value: at most 63 characters. */
const LABEL_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** True for a Kubernetes label key (`app`, `example.com/tier`). */
export function isLabelKey(k: string): boolean {
  const slash = k.lastIndexOf('/');
  return slash < 0 ? LABEL_PART.test(k) : LABEL_PREFIX.test(k.slice(0, slash)) && LABEL_PART.test(k.slice(slash + 1));
}

function validateLabels(path: string, field: string, labels: unknown, what: string): void {
  const map = requireStringMap(path, field, labels, '{ app: "chat-frontend" }');
  if (Object.keys(map).length === 0) {
    throw new ValidationError(path, field, map, `is empty, which selects every ${what}`,
      `name the ${what}s by their labels, e.g. { app: "chat-frontend" }`);
  }
  for (const [k, v] of Object.entries(map)) {
    if (!isLabelKey(k)) throw new ValidationError(path, `${field}.${k}`, k, 'is not a label key', 'use e.g. "app" or "example.com/tier"');
    if (v !== '' && !LABEL_PART.test(v)) {
      throw new ValidationError(path, `${field}.${k}`, v, 'is not a label value', 'use at most 63 letters, digits, "-", "_" or "."');
    }
  }
}

/**
 * One validation for every peer list (`allowFrom`, TorchServe `managementAllowFrom`, ...). A list,
 * when given, is not empty (an empty list is refused rather than read as "nobody" or "everybody":
 * leave the prop out for its documented default). Each peer is a plain `{ namespace?, podLabels?,
 * namespaceLabels? }` object that selects something narrower than "everything": `{}` and empty
 * label maps are refused, and so is any other shape (an `ipBlock`, a selector object this
 * library does not convert, `null`, a string).
 */
export function validatePeers(path: string, peers: unknown, field = 'allowFrom'): void {
  if (peers === undefined) return;
  const list = requireArray(path, field, peers, '[{ namespace: "apps", podLabels: { app: "chat-frontend" } }]');
  if (list.length === 0) {
    throw new ValidationError(path, field, list, 'is empty',
      `leave ${field} out for its default, or name the peers, e.g. [{ namespace: "apps", podLabels: { app: "chat-frontend" } }]`);
  }
  list.forEach((p, i) => {
    const at = `${field}[${i}]`;
    if (!isRecord(p) || Object.getPrototypeOf(p) !== Object.prototype && Object.getPrototypeOf(p) !== null) {
      throw new ValidationError(path, at, kindOf(p), 'is not a { namespace?, podLabels?, namespaceLabels? } peer',
        'give a plain peer object (cdk8s-plus Pods/Namespaces selectors are accepted by the cdk8s constructs only)');
    }
    const unknown = Object.keys(p).filter(k => !PEER_KEYS.includes(k));
    if (unknown.length > 0) {
      throw new ValidationError(path, `${at}.${unknown[0]}`, p[unknown[0]],
        'is not a peer field (an IP block or another selector cannot be expressed)',
        `use only ${PEER_KEYS.join(', ')}`);
    }
    const peer = p as NetworkPeer;
    if (peer.namespace === undefined && peer.podLabels === undefined && peer.namespaceLabels === undefined) {
      throw new ValidationError(path, at, p, "selects every pod of the model's namespace",
        `name the pods (podLabels) or a namespace; leave ${field} out if every pod of the namespace is meant`);
    }
    if (peer.namespace !== undefined && (typeof peer.namespace !== 'string' || !isDnsLabel(peer.namespace))) {
      throw new ValidationError(path, `${at}.namespace`, peer.namespace, 'is not a namespace name',
        'give the namespace the clients run in, e.g. "apps"');
    }
    if (peer.namespace !== undefined && peer.namespaceLabels !== undefined) {
      throw new ValidationError(path, at, p, 'selects the namespace both by name and by labels', 'give namespace or namespaceLabels, not both');
    }
    if (peer.podLabels !== undefined) validateLabels(path, `${at}.podLabels`, peer.podLabels, 'pod');
    if (peer.namespaceLabels !== undefined) validateLabels(path, `${at}.namespaceLabels`, peer.namespaceLabels, 'namespace');
  });
}

/** Cloud metadata address, never reachable from model pods. */
export const METADATA_CIDR = '169.254.169.254/32';

/** Inputs of {@link networkPolicies}. */
export interface NetworkPolicyInputs {
  /** Base name of the policies. */
  readonly name: string;
  /** Namespace of the policies and the pods. */
  readonly namespace: string;
  /** Labels on the policies. */
  readonly labels: Record<string, string>;
  /** Labels selecting the model's pods. */
  readonly podSelector: Record<string, string>;
  /** Ports traffic arrives on. */
  readonly servingPorts: readonly number[];
  /** Peers allowed on the serving ports; empty means the model's own namespace. */
  readonly allowFrom: readonly NetworkPeer[];
  /** Extra ingress rules (e.g. the Knative activator). */
  readonly extraIngress?: readonly NetworkPolicyIngressRule[];
  /** Allow HTTPS egress (a download step runs in the pod); otherwise DNS only. */
  readonly httpsEgress: boolean;
  /** Extra egress rules (e.g. a mesh sidecar to its control plane). */
  readonly extraEgress?: readonly NetworkPolicyEgressRule[];
  /** With `httpsEgress`: the rule that replaces HTTPS egress (to a download proxy's port). */
  readonly downloadEgress?: NetworkPolicyEgressRule;
  /** The metrics port, reachable from the monitoring namespace only (besides the serving peers). */
  readonly metrics?: { readonly namespace: string; readonly port: number };
}

/** `podSelector` peer for a {@link NetworkPeer}. */
export function peerSelector(peer: NetworkPeer): NetworkPolicyPeer {
  return {
    ...(peer.namespace ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } } : {}),
    ...(peer.namespaceLabels ? { namespaceSelector: { matchLabels: { ...peer.namespaceLabels } } } : {}),
    podSelector: peer.podLabels ? { matchLabels: { ...peer.podLabels } } : {},
  };
}

/** DNS egress to kube-dns, UDP and TCP 53. */
export const DNS_EGRESS: NetworkPolicyEgressRule = {
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

/** HTTPS egress anywhere but the cloud metadata address and private ranges. */
export const HTTPS_EGRESS: NetworkPolicyEgressRule = {
  to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [METADATA_CIDR, '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } }],
  ports: [{ protocol: 'TCP', port: 443 }],
};

/**
 * A default-deny policy (Ingress and Egress) for the model pods plus one allow policy: the serving
 * ports from the allowed peers, the metrics port from the monitoring namespace, DNS, and HTTPS only
 * when a download step runs in the pod. Policies filter ports, not paths: routes an engine leaves
 * unauthenticated (vLLM `/invocations`, `/pause`, ...) are reachable by exactly these peers, so put a
 * gateway with a path allow-list in front of anything broader.
 */
export function networkPolicies(i: NetworkPolicyInputs): NetworkPolicy[] {
  const meta = (suffix: string) => ({ name: `${i.name}-${suffix}`, namespace: i.namespace, labels: i.labels });
  const peers = i.allowFrom.length > 0 ? i.allowFrom.map(peerSelector) : [{ podSelector: {} }];
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('default-deny'),
      spec: { podSelector: { matchLabels: { ...i.podSelector } }, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta('allow'),
      spec: {
        podSelector: { matchLabels: { ...i.podSelector } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [
          { from: peers, ports: i.servingPorts.map(port => ({ protocol: 'TCP' as const, port })) },
          ...(i.extraIngress ?? []),
          ...(i.metrics ? [{
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': i.metrics.namespace } }, podSelector: {} }],
            ports: [{ protocol: 'TCP' as const, port: i.metrics.port }],
          }] : []),
        ],
        egress: [DNS_EGRESS, ...(i.httpsEgress ? [i.downloadEgress ?? HTTPS_EGRESS] : []), ...(i.extraEgress ?? [])],
      },
    },
  ];
}
