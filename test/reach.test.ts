import { Testing } from 'cdk8s';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { EXAMPLES } from '../examples/cdk8s';
import { Json } from '../src/core/policy/manifest';
import { checkManifests } from '../src/core/policy';
import { reachOf, reachRows } from './support/reach';

/*
 * The reach table: for every example chart (each example in each mode it is written for), who can
 * reach each port of each pod and what each pod can reach, worked out as Kubernetes evaluates the
 * chart's NetworkPolicies (test/support/reach.ts). The README holds the same table between the
 * markers below; the test fails if they differ. Regenerate it with
 * `UPDATE_REACH_TABLE=1 npx jest test/reach.test.ts` and review the diff.
 */
const README = path.join(__dirname, '..', 'README.md');
const START = '<!-- reach-table -->';
const END = '<!-- /reach-table -->';
const HEADER = ['| example | pod | port ← who may connect | may connect to |', '|---|---|---|---|'];

const built = Object.keys(EXAMPLES).map(id => ({ id, objects: Testing.synth(EXAMPLES[id](Testing.app())) as Json[] }));
const reach = built.map(b => ({ id: b.id, pods: reachOf(b.objects) }));

function table(): string {
  return [...HEADER, ...reach.flatMap(r => reachRows(r.id, r.pods))].join('\n');
}

function readmeTable(text: string): string | undefined {
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  return start < 0 || end < start ? undefined : text.slice(start + START.length, end).trim();
}

test('the README reach table is the one the examples\' NetworkPolicies give', () => {
  const text = readFileSync(README, 'utf8');
  if (process.env.UPDATE_REACH_TABLE === '1') {
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    writeFileSync(README, `${text.slice(0, start + START.length)}\n${table()}\n${text.slice(end)}`);
  }
  expect(readmeTable(readFileSync(README, 'utf8'))).toBe(table());
});

test('every example has pods, and every pod is isolated both ways (no port open to anyone, no unrestricted egress)', () => {
  expect(reach.filter(r => r.pods.length === 0).map(r => r.id)).toEqual([]);
  const open = reach.flatMap(r => r.pods.flatMap(p => [
    ...(p.egress.includes('anything') ? [`${r.id}: ${p.pod} egress`] : []),
    ...Object.entries(p.ingress).filter(([, from]) => from.includes('anyone')).map(([port]) => `${r.id}: ${p.pod} port ${port}`),
  ]));
  expect(open).toEqual([]);
});

/**
 * Examples that opt in to a download in the serving pod (`allowServingPodEgressForDownload`), and
 * why. None today: LoRA adapters, the last reason, now come from the model's ModelCache.
 */
const KNOWN_IN_POD_DOWNLOADS: Readonly<Record<string, string>> = {};

test('by default no serving pod reaches the internet (only cache download Jobs do), but for the examples that opt in', () => {
  const online = reach.flatMap(r => r.pods.filter(p => p.internet && !p.job).map(p => `${r.id}: ${p.pod}`));
  expect(online.sort()).toEqual(Object.keys(KNOWN_IN_POD_DOWNLOADS).sort());
  expect(reach.some(r => r.pods.some(p => p.job && p.internet))).toBe(true);
  // each exception is reported by the policy checks
  for (const id of new Set(online.map(o => o.split(':')[0]))) {
    expect({ id, k38: checkManifests(built.find(b => b.id === id)!.objects).some(f => f.id === 'K38') }).toEqual({ id, k38: true });
  }
});

describe('the check fails when a policy opens the internet to a serving pod', () => {
  const example = built.find(b => b.id === 'chat-kserve')!;
  const servingLabels = { 'app.kubernetes.io/instance': 'chat' };
  const grant = (egress: Json[]): Json => ({
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'open', namespace: 'ml-serving' },
    spec: { podSelector: { matchLabels: servingLabels }, policyTypes: ['Egress'], egress },
  });
  const online = (objects: Json[]) => reachOf(objects).filter(p => p.internet && !p.job).map(p => p.pod);

  test('0.0.0.0/0 on TCP 443', () => {
    expect(online(example.objects)).toEqual([]);
    expect(online([...example.objects, grant([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }])]))
      .toEqual(['InferenceService/chat predictor']);
  });

  test('an egress rule without "to", and a policy of the egress type that omits policyTypes', () => {
    const noTo = grant([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
    expect(online([...example.objects, noTo])).toEqual(['InferenceService/chat predictor']);
    const implicit = { ...noTo, spec: { podSelector: noTo.spec.podSelector, egress: noTo.spec.egress } };
    expect(online([...example.objects, implicit])).toEqual(['InferenceService/chat predictor']);
  });

  test('a range inside the private networks, or DNS only, stays off the internet', () => {
    expect(online([...example.objects, grant([{ to: [{ ipBlock: { cidr: '10.20.0.0/16' } }], ports: [{ port: 443 }] }])])).toEqual([]);
    expect(online([...example.objects, grant([{ ports: [{ protocol: 'UDP', port: 53 }] }])])).toEqual([]);
  });

  test('deleting the policies leaves the pod open both ways', () => {
    const bare = example.objects.filter(o => o.kind !== 'NetworkPolicy');
    const chat = reachOf(bare).find(p => p.pod === 'InferenceService/chat predictor')!;
    expect(chat.egress).toEqual(['anything']);
    expect(Object.values(chat.ingress).every(from => from.join() === 'anyone')).toBe(true);
  });
});

describe('NetworkPolicy semantics of the evaluator', () => {
  const pod = (labels: Record<string, string>): Json => ({
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'm', namespace: 'ns' },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8000 }] }] } } },
  });
  const np = (spec: Json): Json => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'ns' }, spec });

  test('an Ingress policy with no rules denies every source; a rule without "from" admits everyone', () => {
    expect(reachOf([pod({ a: '1' }), np({ podSelector: {}, policyTypes: ['Ingress'] })])[0].ingress).toEqual({ '8000 (http)': [] });
    expect(reachOf([pod({ a: '1' }), np({ podSelector: {}, ingress: [{}] })])[0].ingress).toEqual({ '8000 (http)': ['anyone'] });
  });

  test('peers: pod labels alone mean the policy namespace; namespaceSelector {} every namespace; a named port matches', () => {
    const r = reachOf([pod({ a: '1' }), np({
      podSelector: { matchLabels: { a: '1' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: {} }], ports: [{ port: 'http' }] }],
    })])[0];
    expect(r.ingress['8000 (http)']).toEqual(['every pod in every namespace', 'pods app=web in ns ns']);
  });

  test('a policy selecting other labels or another namespace does not apply', () => {
    const other = { ...np({ podSelector: { matchLabels: { a: '2' } }, policyTypes: ['Ingress', 'Egress'] }) };
    const elsewhere = { ...np({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] }), metadata: { name: 'p', namespace: 'other' } };
    const r = reachOf([pod({ a: '1' }), other, elsewhere])[0];
    expect(r.ingress['8000 (http)']).toEqual(['anyone']);
    expect(r.egress).toEqual(['anything']);
  });
});
