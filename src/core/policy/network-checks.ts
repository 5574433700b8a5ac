import { engineOf } from './engine-signatures';
import { allContainers, describeObject, envValue, isObject, Json, labelKey, Manifest, namespaceOf, PodRef, podsOf, pushTo, requiredLabel,
  selectedPods, selects, truthy } from './manifest';
import { CheckContext, CheckResult, Problem, Rule } from './rule';

/** Workload kinds whose `spec.selector` must match their own template. */
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);
/** TorchServe management, management gRPC and metrics ports: never behind a Service. */
const TORCHSERVE_PRIVATE_PORTS = new Set([8081, 7071, 8082]);
/** Cloud metadata endpoint an egress allow must except. */
const METADATA_IP = '169.254.169.254';
/** IANA service name: ≤ 15 chars, lowercase alphanumerics and single hyphens, at least one letter. */
const IANA_NAME = /^(?=.*[a-z])[a-z0-9]([a-z0-9]|-(?!-))*[a-z0-9]$|^[a-z]$/;
const DNS_PORT = 53;

/** A valid IANA service name (a named port): at most 15 characters of the allowed alphabet. */
function ianaName(name: string): boolean {
  return name.length <= 15 && IANA_NAME.test(name);
}

/** True for a NetworkPolicy that governs both ingress and egress. */
function both(np: Json): boolean {
  return types(np).includes('Ingress') && types(np).includes('Egress');
}

function policies(m: Manifest): Json[] {
  let list = POLICIES.get(m);
  if (!list) {
    list = m.objects.filter(o => o.kind === 'NetworkPolicy' && isObject(o.spec));
    POLICIES.set(m, list);
  }
  return list;
}

/** The NetworkPolicies that select the pod (several rules ask; the manifest does not change). */
function policiesFor(m: Manifest, p: PodRef): Json[] {
  let list = POLICIES_FOR.get(p);
  if (!list) {
    const labels = p.labels;
    const index = policyIndex(m);
    const ns = namespaceOf(p.owner);
    const candidates = labels ? new Set([
      ...(index.unkeyed.get(ns) ?? []),
      ...Object.entries(labels).flatMap(([k, v]) => index.byLabel.get(labelKey(ns, k, v)) ?? []),
    ]) : new Set<Json>();
    list = policies(m).filter(np => candidates.has(np) && selects(np.spec.podSelector ?? {}, labels!));
    POLICIES_FOR.set(p, list);
  }
  return list;
}

/** NetworkPolicies by the label their pod selector requires (see `requiredLabel`), or per namespace when none. */
interface PolicyIndex {
  readonly unkeyed: Map<string | undefined, Json[]>;
  readonly byLabel: Map<string, Json[]>;
}

function policyIndex(m: Manifest): PolicyIndex {
  let index = POLICY_INDEX.get(m);
  if (index) return index;
  index = { unkeyed: new Map(), byLabel: new Map() };
  for (const np of policies(m)) {
    const ns = namespaceOf(np);
    const pair = requiredLabel(np.spec.podSelector ?? {});
    if (pair === undefined) pushTo(index.unkeyed, ns, np);
    else pushTo(index.byLabel, labelKey(ns, ...pair), np);
  }
  POLICY_INDEX.set(m, index);
  return index;
}

/** Per manifest (one check run): its NetworkPolicies, their index; per pod of it, those that select the pod. */
const POLICIES = new WeakMap<Manifest, Json[]>();
const POLICY_INDEX = new WeakMap<Manifest, PolicyIndex>();
const POLICIES_FOR = new WeakMap<PodRef, Json[]>();

function types(np: Json): string[] {
  return Array.isArray(np.spec.policyTypes) ? np.spec.policyTypes.map(String) : [];
}

function rules(np: Json, dir: 'ingress' | 'egress'): Json[] {
  return Array.isArray(np.spec[dir]) ? np.spec[dir].map((r: unknown) => (isObject(r) ? r : {})) : [];
}

/** Pods a network check is about: real pods that selectors can target. */
function networkedPods(m: Manifest): PodRef[] {
  return m.pods.filter(p => !p.partial && p.labels);
}

function ipv4(s: string): number | undefined {
  const parts = s.split('.').map(Number);
  if (parts.length !== 4 || parts.some(n => !Number.isInteger(n) || n < 0 || n > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

/** Does an IPv4 CIDR contain the address? (IPv6 CIDRs never contain an IPv4 address.) */
function cidrContains(cidr: string, ip: string): boolean {
  const [base, bits] = cidr.split('/');
  const b = ipv4(base);
  const a = ipv4(ip);
  const n = bits === undefined ? 32 : Number(bits);
  if (b === undefined || a === undefined || !Number.isInteger(n) || n < 0 || n > 32) return false;
  if (n === 0) return true;
  const mask = (~0 << (32 - n)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

/** True when an egress rule lets the pod reach the cloud metadata endpoint. */
function reachesMetadata(rule: Json): boolean {
  const to = Array.isArray(rule.to) ? rule.to : [];
  if (to.length === 0) return true;
  return to.some((peer: Json) => isObject(peer?.ipBlock) && cidrContains(String(peer.ipBlock.cidr), METADATA_IP)
    && !(Array.isArray(peer.ipBlock.except) ? peer.ipBlock.except : []).some((e: unknown) => cidrContains(String(e), METADATA_IP)));
}

/**
 * Address ranges that are not the public internet (RFC 1918 private, RFC 6598 shared, loopback,
 * link-local): egress limited to these does not reach the internet.
 */
const NON_PUBLIC_CIDRS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'];

/** True if every address of `inner` lies in `outer` (IPv4 CIDRs). */
function cidrWithin(inner: string, outer: string): boolean {
  const bits = Number(inner.split('/')[1] ?? 32);
  const outerBits = Number(outer.split('/')[1] ?? 32);
  return Number.isInteger(bits) && bits >= outerBits && cidrContains(outer, inner.split('/')[0]);
}

/** True when an egress rule lets the pod open connections to public addresses on a port other than DNS. */
export function reachesInternet(rule: Json): boolean {
  if (dnsOnly(rule)) return false;
  const to = Array.isArray(rule.to) ? rule.to : [];
  if (to.length === 0) return true;
  return to.some((peer: Json) => isObject(peer?.ipBlock) && !NON_PUBLIC_CIDRS.some(c => cidrWithin(String(peer.ipBlock.cidr), c)));
}

function dnsOnly(rule: Json): boolean {
  const ports = Array.isArray(rule.ports) ? rule.ports : [];
  return ports.length > 0 && ports.every((pt: Json) => Number(pt?.port) === DNS_PORT);
}

/** Ports of the pods a Service selects, by name. */
function namedPorts(pods: PodRef[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of pods) {
    for (const c of allContainers(p)) {
      for (const pt of Array.isArray(c.spec.ports) ? c.spec.ports : []) if (pt?.name) out.set(String(pt.name), Number(pt.containerPort));
    }
  }
  return out;
}

function selectorCheck(ctx: CheckContext): CheckResult {
  const m = ctx.manifest;
  const problems: Problem[] = [];
  let inspected = 0;
  for (const o of m.objects) {
    const spec = isObject(o.spec) ? o.spec : {};
    const object = describeObject(o);
    if (SELECTOR_KINDS.has(o.kind) && isObject(spec.selector)) {
      inspected++;
      const labels = spec.template?.metadata?.labels ?? {};
      if (!selects(spec.selector, labels)) problems.push({ object, message: 'spec.selector does not match the pod template labels' });
    }
    if (o.kind === 'HorizontalPodAutoscaler') {
      inspected++;
      const ref = isObject(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
      const target = m.objects.find(t => t.kind === ref.kind && t.metadata?.name === ref.name && namespaceOf(t) === namespaceOf(o));
      if (!target || podsOf(target).length === 0) problems.push({ object,
        message: `scaleTargetRef ${String(ref.kind)} ${String(ref.name)} is no pod template among the objects` });
      continue;
    }
    const selector = o.kind === 'Service' || o.kind === 'PodDisruptionBudget' ? spec.selector
      : o.kind === 'NetworkPolicy' ? spec.podSelector : undefined;
    if (!isObject(selector) || Object.keys(selector).length === 0) continue;
    if (isObject(selector.matchLabels) && Object.keys(selector.matchLabels).length === 0 && !Array.isArray(selector.matchExpressions)) continue;
    inspected++;
    if (selectedPods(m, namespaceOf(o), selector).length === 0) problems.push({ object,
      message: `${o.kind} selector matches no pod template among the objects` });
  }
  return { inspected, problems };
}

function serviceCheck(ctx: CheckContext): CheckResult {
  const m = ctx.manifest;
  const problems: Problem[] = [];
  const services = m.objects.filter(o => o.kind === 'Service' && isObject(o.spec));
  for (const s of services) {
    const object = describeObject(s);
    const type = s.spec.type ?? 'ClusterIP';
    if (type === 'NodePort' || type === 'LoadBalancer') problems.push({ object, message: `Service type is ${String(type)}` });
    if (Array.isArray(s.spec.externalIPs) && s.spec.externalIPs.length > 0) problems.push({ object,
      message: 'Service sets externalIPs (CVE-2020-8554)' });
    const pods = isObject(s.spec.selector) ? selectedPods(m, namespaceOf(s), s.spec.selector) : [];
    if (!pods.some(p => p.containers.some(c => engineOf(c)?.engine === 'torchserve'))) continue;
    const byName = namedPorts(pods);
    for (const pt of Array.isArray(s.spec.ports) ? s.spec.ports : []) {
      const target = typeof pt?.targetPort === 'string' ? byName.get(pt.targetPort) : Number(pt?.targetPort ?? pt?.port);
      if (target !== undefined && TORCHSERVE_PRIVATE_PORTS.has(target)) problems.push({ object,
        message: `Service exposes TorchServe management/metrics port ${target}` });
    }
  }
  return { inspected: services.length, problems };
}

function portCheck(ctx: CheckContext): CheckResult {
  const m = ctx.manifest;
  const problems: Problem[] = [];
  let inspected = 0;
  for (const p of m.pods) {
    for (const c of allContainers(p)) {
      for (const pt of Array.isArray(c.spec.ports) ? c.spec.ports : []) {
        inspected++;
        const add = (message: string) => problems.push({ object: p.object, container: c.name, message });
        if (pt?.name !== undefined && !ianaName(String(pt.name))) add(`port name "${String(pt.name)}" is not a valid IANA service name`);
        if (Number(pt?.containerPort) === 22) add('exposes port 22 (SSH)');
        else if (Number(pt?.containerPort) < 1024) add(`containerPort ${String(pt.containerPort)} is a privileged port (< 1024)`);
      }
    }
  }
  for (const s of m.objects.filter(o => o.kind === 'Service' && isObject(o.spec))) {
    for (const pt of Array.isArray(s.spec.ports) ? s.spec.ports : []) {
      inspected++;
      const add = (message: string) => problems.push({ object: describeObject(s), message });
      if (typeof pt?.targetPort === 'string' && !ianaName(pt.targetPort)) add(`targetPort "${pt.targetPort}" is not a valid IANA service name`);
      if (Number(pt?.port) === 22 || Number(pt?.targetPort) === 22) add('exposes port 22 (SSH)');
    }
  }
  return { inspected, problems };
}

function perNetworkedPod(fn: (p: PodRef, nps: Json[], add: (message: string, severity?: 'error' | 'warning') => void) => void) {
  return (ctx: CheckContext): CheckResult => {
    const problems: Problem[] = [];
    const pods = networkedPods(ctx.manifest);
    for (const p of pods) fn(p, policiesFor(ctx.manifest, p), (message, severity) => problems.push({ object: p.object, message,
      ...(severity ? { severity } : {}) }));
    return { inspected: pods.length, problems };
  };
}

function hasDownloader(p: PodRef): boolean {
  return p.initContainers.length > 0 || p.storageUris.some(u => !u.startsWith('pvc://'));
}

/** Cross-object checks over Services and NetworkPolicies: selectors, exposure, ports, isolation, egress. */
export const NETWORK_RULES: readonly Rule[] = [
  {
    id: 'K25', title: 'selectors match pods', severity: 'warning',
    source: 'kube-linter mismatching-selector, dangling-service, dangling-networkpolicy; kube-score ' +
      'deployment-pod-selector-labels-match-template-metadata-labels, service-targets-pod, networkpolicy-targets-pod; Polaris ' +
      'missingPodDisruptionBudget',
    fix: 'make the selector match the pod template labels of a workload in the same namespace',
    run: selectorCheck,
  },
  {
    id: 'K26', title: 'Services internal, private ports hidden', severity: 'warning',
    source: 'kube-linter exposed-services; kube-score service-type; CVE-2020-8554; TorchServe configuration docs',
    fix: 'use type ClusterIP without externalIPs; never expose TorchServe management (8081, 7071) or metrics (8082) ports',
    run: serviceCheck,
  },
  {
    id: 'K27', title: 'valid, unprivileged ports', severity: 'warning',
    source: 'kube-linter invalid-target-ports, ssh-port, privileged-ports',
    fix: 'name ports with ≤ 15 lowercase letters, digits and single hyphens; avoid port 22 and ports below 1024',
    run: portCheck,
  },
  {
    id: 'K28', title: 'pods under a default-deny NetworkPolicy', severity: 'warning',
    source: 'NSA network separation; kubescape C-0030; kube-score pod-networkpolicy; kube-linter non-isolated-pod',
    fix: 'add a NetworkPolicy selecting the pods with policyTypes [Ingress, Egress] and no rules',
    run: perNetworkedPod((_p, nps, add) => {
      const deny = nps.some(np => both(np) && rules(np, 'ingress').length === 0 && rules(np, 'egress').length === 0);
      if (!deny) add('no default-deny NetworkPolicy (both policy types, no rules) selects these pods');
    }),
  },
  {
    id: 'K29', title: 'explicit ingress and egress allows', severity: 'warning',
    source: 'Polaris missingNetworkPolicy; kube-linter dangling-networkpolicypeer-podselector',
    fix: 'add an allow NetworkPolicy with both policy types, ≥ 1 ingress rule naming its sources and ≥ 1 egress rule (DNS)',
    run: perNetworkedPod((_p, nps, add) => {
      const allow = nps.filter(np => both(np) && rules(np, 'ingress').length > 0 && rules(np, 'egress').length > 0);
      if (allow.length === 0) add('no NetworkPolicy with both policy types and at least one ingress and one egress rule selects these pods');
      for (const np of nps) {
        for (const r of rules(np, 'ingress')) {
          if (!Array.isArray(r.from) || r.from.length === 0) add(`${describeObject(np)} has an ingress rule without "from" (any source)`);
        }
      }
    }),
  },
  {
    id: 'K30', title: 'egress limited; metadata endpoint blocked', severity: 'error',
    source: 'vLLM security guide (SSRF, cloud metadata); NSA network separation; own',
    fix: `except ${METADATA_IP}/32 from every egress CIDR; offline servers need no egress beyond DNS`,
    run: perNetworkedPod((p, nps, add) => {
      const egress = nps.filter(np => types(np).includes('Egress')).flatMap(np => rules(np, 'egress').map(r => [np, r] as const));
      for (const [np, r] of egress) if (reachesMetadata(r)) add(`${describeObject(np)} allows egress to the metadata endpoint ${METADATA_IP}`);
      const offline = p.containers.some(c => truthy(envValue(c.spec, 'HF_HUB_OFFLINE')));
      if (offline && !hasDownloader(p)) {
        for (const [np, r] of egress) if (!dnsOnly(r)) add(`${describeObject(np)} allows egress beyond DNS to offline pods`, 'warning');
      }
    }),
  },
  {
    id: 'K38', title: 'serving pods do not reach the internet', severity: 'warning',
    source: 'own (a NetworkPolicy cannot tell an init container that downloads from the server it leaves running); NSA network separation',
    fix: 'fill the weights from another pod (a ModelCache Job, a claim, an OCI image) and give the serving pods DNS and named peers only',
    run: perNetworkedPod((p, nps, add) => {
      if (p.runsToCompletion) return;
      const egress = nps.filter(np => types(np).includes('Egress')).flatMap(np => rules(np, 'egress').map(r => [np, r] as const));
      for (const [np, r] of egress) {
        if (reachesInternet(r)) add(`${describeObject(np)} lets these long-running pods open connections to public addresses for their whole life`);
      }
    }),
  },
];
