import { isObject, Json, namespaceOf, podsOf, PodRef } from '../../src/core/policy/manifest';

/*
 * Network reach as Kubernetes evaluates NetworkPolicies (kubernetes/api networking/v1 types.go,
 * NetworkPolicySpec and NetworkPolicyPeer docs), written independently of the library's own rules:
 * - a policy applies to the pods its `podSelector` selects in its own namespace (`{}` selects all);
 * - `policyTypes` defaults to ["Ingress"], plus "Egress" when the spec has an `egress` section;
 * - a pod selected by some policy of a type is isolated for that direction; traffic is then allowed
 *   only if some rule of some selecting policy of that type allows it (the union); a pod no policy
 *   of a type selects is not isolated in that direction (everything is allowed);
 * - a rule without `from`/`to` (or an empty list) matches every peer; without `ports` every port;
 * - a peer with only `podSelector` means pods of the policy's namespace; with only
 *   `namespaceSelector`, every pod of the selected namespaces (`{}`: every namespace); with both,
 *   the selected pods of the selected namespaces; `ipBlock` is an address range (`except` removed).
 * Namespaces are known here only by their automatic `kubernetes.io/metadata.name` label.
 */

/** The namespace label Kubernetes sets on every namespace (its name). */
const NS_NAME = 'kubernetes.io/metadata.name';
/**
 * Ports of Knative's queue-proxy, which Knative adds beside the user container: 8012 where clients
 * enter, 9090 the autoscaler's statistics (knative.dev/networking `pkg/apis/networking` constants).
 */
const KNATIVE_QUEUE_PORTS = [8012, 9090];
/** Ranges that are not the public internet (RFC 1918, RFC 6598, loopback, link-local). */
const NON_PUBLIC = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];

/** One evaluated pod. */
export interface PodReach {
  /** `Kind/name` of the object that makes the pod (and the component of an InferenceService). */
  readonly pod: string;
  /** True for pods that run to completion (Jobs). */
  readonly job: boolean;
  /** Per port the pod listens on: who may connect (sorted descriptions), or `['anyone']` when not isolated. */
  readonly ingress: Readonly<Record<string, readonly string[]>>;
  /** What the pod may connect to (sorted descriptions); `['anything']` when not isolated. */
  readonly egress: readonly string[];
  /** True if some egress allowance reaches a public address on a port other than DNS. */
  readonly internet: boolean;
}

interface Selector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Does a label selector select these labels (`{}` selects everything)? */
export function selects(sel: Selector | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!sel) return true;
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = e.key in labels;
    const inValues = has && (e.values ?? []).includes(labels[e.key]);
    if (e.operator === 'In' && !inValues) return false;
    if (e.operator === 'NotIn' && inValues) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function policyTypes(np: Json): string[] {
  if (Array.isArray(np.spec.policyTypes)) return np.spec.policyTypes.map(String);
  return ['Ingress', ...(np.spec.egress !== undefined ? ['Egress'] : [])];
}

function labelText(sel: Selector | undefined): string {
  const parts = [...Object.entries(sel?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(sel?.matchExpressions ?? []).map(e => `${e.key} ${e.operator} ${(e.values ?? []).join('|')}`.trim())];
  return parts.join(',');
}

/** A peer in words: `pods app=web in ns apps`, `every pod in ns monitoring`, `every namespace`, an address range. */
export function describePeer(peer: Json, policyNamespace: string): string {
  if (isObject(peer.ipBlock)) {
    const except = Array.isArray(peer.ipBlock.except) && peer.ipBlock.except.length > 0 ? ` except ${peer.ipBlock.except.join(' ')}` : '';
    return isPublic(peer.ipBlock) ? `internet (${peer.ipBlock.cidr}${except})` : `addresses ${peer.ipBlock.cidr}${except}`;
  }
  const pods = isObject(peer.podSelector) ? labelText(peer.podSelector) : '';
  const podPart = pods ? `pods ${pods}` : 'every pod';
  if (!isObject(peer.namespaceSelector)) return `${podPart} in ns ${policyNamespace}`;
  const ns = peer.namespaceSelector as Selector;
  const byName = ns.matchLabels && Object.keys(ns.matchLabels).length === 1 && !ns.matchExpressions ? ns.matchLabels[NS_NAME] : undefined;
  if (byName) return `${podPart} in ns ${byName}`;
  const nsText = labelText(ns);
  return nsText ? `${podPart} in namespaces ${nsText}` : `${podPart} in every namespace`;
}

function ipv4(s: string): number | undefined {
  const parts = s.split('.').map(Number);
  if (parts.length !== 4 || parts.some(n => !Number.isInteger(n) || n < 0 || n > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function within(inner: string, outer: string): boolean {
  const [ib, ibits] = inner.split('/');
  const [ob, obits] = outer.split('/');
  const i = ipv4(ib);
  const o = ipv4(ob);
  const n = Number(obits ?? 32);
  if (i === undefined || o === undefined || Number(ibits ?? 32) < n) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((i & mask) >>> 0) === ((o & mask) >>> 0);
}

/** An address range holds public addresses unless it lies inside one of the non-public ranges. */
function isPublic(block: Json): boolean {
  return !NON_PUBLIC.some(r => within(String(block.cidr), r));
}

interface PortRef { readonly number: number; readonly name?: string }

function portMatches(rulePorts: unknown, port: PortRef | undefined): boolean {
  if (!Array.isArray(rulePorts) || rulePorts.length === 0) return true;
  if (!port) return false;
  return rulePorts.some((p: Json) => {
    if (p.port === undefined) return true;
    if (typeof p.port === 'string') return p.port === port.name;
    const end = typeof p.endPort === 'number' ? p.endPort : p.port;
    return port.number >= p.port && port.number <= end;
  });
}

function portsText(rulePorts: unknown): string {
  if (!Array.isArray(rulePorts) || rulePorts.length === 0) return 'any port';
  return rulePorts.map((p: Json) => `${p.protocol ?? 'TCP'} ${p.port ?? 'any'}`).join(', ');
}

function podPorts(p: PodRef, knative: boolean): PortRef[] {
  const ports: PortRef[] = p.containers.flatMap(c => (Array.isArray(c.spec.ports) ? c.spec.ports : [])
    .map((x: Json) => ({ number: Number(x.containerPort), name: typeof x.name === 'string' ? x.name : undefined })));
  // a Knative pod's clients enter at queue-proxy, which Knative adds beside the user container
  return knative ? [...KNATIVE_QUEUE_PORTS.map(number => ({ number })), ...ports] : ports;
}

function podName(p: PodRef): string {
  return `${p.owner.kind}/${p.owner.metadata?.name}${p.component ? ` ${p.component}` : ''}`;
}

/** Evaluate every pod of `objects` against the NetworkPolicies among them. */
export function reachOf(objects: readonly Json[]): PodReach[] {
  const policies = objects.filter(o => o.kind === 'NetworkPolicy' && isObject(o.spec));
  return objects.flatMap(o => podsOf(o)).filter(p => !p.partial && p.labels).map(p => {
    const ns = namespaceOf(p.owner) ?? '';
    const mine = policies.filter(np => namespaceOf(np) === ns && selects(np.spec.podSelector ?? {}, p.labels!));
    const knative = p.owner.kind === 'InferenceService' && p.owner.metadata?.annotations?.['serving.kserve.io/deploymentMode'] === 'Knative';
    const ingressPolicies = mine.filter(np => policyTypes(np).includes('Ingress'));
    const egressPolicies = mine.filter(np => policyTypes(np).includes('Egress'));
    const ingress: Record<string, string[]> = {};
    // the ports the pod declares, and ports a selecting policy opens (a side port the container does not declare)
    const declared = podPorts(p, knative);
    const opened = ingressPolicies.flatMap(np => (Array.isArray(np.spec.ingress) ? np.spec.ingress : []) as Json[])
      .flatMap(r => (Array.isArray(r.ports) ? r.ports : []) as Json[]).map(x => x.port).filter((x): x is number => typeof x === 'number')
      .filter(n => !declared.some(d => d.number === n)).map((number): PortRef => ({ number }));
    const uniqueOpened = opened.filter((x, i) => opened.findIndex(y => y.number === x.number) === i);
    for (const port of p.runsToCompletion ? [] : [...declared, ...uniqueOpened]) {
      const key = `${port.number}${port.name ? ` (${port.name})` : ''}`;
      if (ingressPolicies.length === 0) { ingress[key] = ['anyone']; continue; }
      const from = new Set<string>();
      for (const np of ingressPolicies) {
        for (const rule of (Array.isArray(np.spec.ingress) ? np.spec.ingress : []) as Json[]) {
          if (!portMatches(rule.ports, port)) continue;
          const peers = Array.isArray(rule.from) && rule.from.length > 0 ? rule.from : undefined;
          if (!peers) from.add('anyone');
          else for (const peer of peers) from.add(describePeer(peer, ns));
        }
      }
      ingress[key] = [...from].sort();
    }
    let egress: string[];
    let internet = false;
    if (egressPolicies.length === 0) {
      egress = ['anything'];
      internet = true;
    } else {
      const to = new Set<string>();
      for (const np of egressPolicies) {
        for (const rule of (Array.isArray(np.spec.egress) ? np.spec.egress : []) as Json[]) {
          const dnsOnly = Array.isArray(rule.ports) && rule.ports.length > 0 && rule.ports.every((x: Json) => Number(x.port) === 53);
          const peers = Array.isArray(rule.to) && rule.to.length > 0 ? rule.to as Json[] : undefined;
          if (!peers) {
            to.add(`anywhere: ${portsText(rule.ports)}`);
            if (!dnsOnly) internet = true;
            continue;
          }
          for (const peer of peers) {
            const isDns = dnsOnly && isObject(peer.podSelector) && peer.podSelector.matchLabels?.['k8s-app'] === 'kube-dns';
            to.add(isDns ? 'DNS' : `${describePeer(peer, ns)}: ${portsText(rule.ports)}`);
            if (!dnsOnly && isObject(peer.ipBlock) && isPublic(peer.ipBlock)) internet = true;
          }
        }
      }
      egress = [...to].sort();
    }
    return { pod: podName(p), job: p.runsToCompletion, ingress, egress, internet };
  });
}

/** The reach of every pod of every example as markdown table rows (one row per pod). */
export function reachRows(example: string, reach: readonly PodReach[]): string[] {
  return reach.map(r => {
    const ingress = Object.entries(r.ingress).map(([port, from]) => `${port} ← ${from.join('; ') || 'nobody'}`).join('<br>') || '—';
    return `| ${example} | ${r.pod} | ${ingress} | ${r.egress.join('; ') || 'nothing'} |`;
  });
}
