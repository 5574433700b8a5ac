import { ValidationError } from './errors';
import { KubeObject } from './kube';
import { isDnsLabel } from './labels';

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

/** Refuse peers that name a bad namespace, or a namespace both by name and by labels. */
export function validatePeers(path: string, peers: readonly NetworkPeer[]): void {
  peers.forEach((p, i) => {
    const field = `allowFrom[${i}]`;
    if (p.namespace !== undefined && !isDnsLabel(p.namespace)) {
      throw new ValidationError(path, `${field}.namespace`, p.namespace, 'is not a namespace name',
        'give the namespace the clients run in, e.g. "apps"');
    }
    if (p.namespace !== undefined && p.namespaceLabels !== undefined) {
      throw new ValidationError(path, field, p, 'selects the namespace both by name and by labels', 'give namespace or namespaceLabels, not both');
    }
    for (const [k, v] of Object.entries({ ...(p.podLabels ?? {}), ...(p.namespaceLabels ?? {}) })) {
      if (typeof v !== 'string' || k === '') {
        throw new ValidationError(path, `${field}.${k}`, v, 'is not a label with a string value', 'give labels as { key: "value" }');
      }
    }
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
  readonly extraIngress?: readonly Record<string, unknown>[];
  /** Allow HTTPS egress (a download step runs in the pod); otherwise DNS only. */
  readonly httpsEgress: boolean;
  /** The metrics port, reachable from the monitoring namespace only (besides the serving peers). */
  readonly metrics?: { readonly namespace: string; readonly port: number };
}

/** `podSelector` peer for a {@link NetworkPeer}. */
export function peerSelector(peer: NetworkPeer): Record<string, unknown> {
  return {
    ...(peer.namespace ? { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': peer.namespace } } } : {}),
    ...(peer.namespaceLabels ? { namespaceSelector: { matchLabels: { ...peer.namespaceLabels } } } : {}),
    podSelector: peer.podLabels ? { matchLabels: { ...peer.podLabels } } : {},
  };
}

/** DNS egress to kube-dns, UDP and TCP 53. */
export const DNS_EGRESS = {
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

/** HTTPS egress anywhere but the cloud metadata address and private ranges. */
export const HTTPS_EGRESS = {
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
export function networkPolicies(i: NetworkPolicyInputs): KubeObject[] {
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
          { from: peers, ports: i.servingPorts.map(port => ({ protocol: 'TCP', port })) },
          ...(i.extraIngress ?? []),
          ...(i.metrics ? [{
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': i.metrics.namespace } }, podSelector: {} }],
            ports: [{ protocol: 'TCP', port: i.metrics.port }],
          }] : []),
        ],
        egress: [DNS_EGRESS, ...(i.httpsEgress ? [HTTPS_EGRESS] : [])],
      },
    },
  ];
}
