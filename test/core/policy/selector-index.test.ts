import { namespaceOf, readManifest, selectedPods, selects } from '../../../src/core/policy/manifest';

// selectedPods looks pods up by a label the selector requires; it must select exactly what a scan
// of every pod with `selects` does, for every selector shape and namespace (unset and '' differ).
const namespaces = [undefined, '', 'ml', 'apps'];
const labelSets = [{}, { app: 'chat' }, { app: 'chat', tier: 'serving' }, { app: 'embed' }, { tier: 'serving' }, { app: '1' }];
const pods = namespaces.flatMap((ns, i) => labelSets.map((labels, j) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}-${j}`, ...(ns === undefined ? {} : { namespace: ns }), labels },
  spec: { containers: [{ name: 'c', image: 'x:1' }] },
})));
const selectors: unknown[] = [
  {}, { app: 'chat' }, { matchLabels: { app: 'chat' } }, { matchLabels: { app: 'chat', tier: 'serving' } },
  { matchLabels: { tier: 'serving' }, matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['chat'] }] },
  { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] },
  { matchLabels: { app: 1 } }, { app: 1 }, { matchLabels: {} }, { matchLabels: 'app' }, { matchLabels: { app: 'none' } },
  { matchExpressions: [{ operator: 'In' }] }, null, 'app=chat', [],
];

test.each(selectors.flatMap(s => namespaces.map(ns => [JSON.stringify(s), ns, s] as const)))('selector %s in namespace %p', (_, ns, selector) => {
  const m = readManifest(pods);
  const scan = m.pods.filter(p => p.labels && namespaceOf(p.owner) === ns && selects(selector, p.labels));
  expect(selectedPods(m, ns, selector).map(p => p.object)).toEqual(scan.map(p => p.object));
});
