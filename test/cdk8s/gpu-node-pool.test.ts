import * as kplus from 'cdk8s-plus-28';
import { GpuNodePool, HuggingFaceModel, ServingMode, ValidationError, VllmPredictor } from '../../src';
import { only, podSpec, synth, testChart } from '../support/objects';
import { tolerates } from '../support/selectors';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });

test('the NodePool is cluster-scoped: no namespace although the Chart has one', () => {
  const chart = testChart();
  new GpuNodePool(chart, 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
  const np = only(synth(chart), 'NodePool');
  expect(np.metadata.namespace).toBeUndefined();
  expect(np.metadata.name).toBe('l4-pool');
});

test('a predictor on the pool tolerates the NodePool\'s taints as synthesized', () => {
  const chart = testChart();
  const pool = new GpuNodePool(chart, 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
  new VllmPredictor(chart, 'chat', { model, gpus: 2, nodePool: pool, mode: ServingMode.DEPLOYMENT });
  const objs = synth(chart);
  const taints = only(objs, 'NodePool').spec.template.spec.taints;
  const pod = podSpec(only(objs, 'Deployment'));
  expect(taints.length).toBeGreaterThan(0);
  for (const t of taints) expect(tolerates(pod.tolerations, t)).toBe(true);
});

test('GpuNodePool.fromExisting gives a pool handle without creating objects', () => {
  const chart = testChart();
  const pool = GpuNodePool.fromExisting({ nodeSelector: { 'eks.amazonaws.com/nodegroup': 'gpu' }, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] });
  new VllmPredictor(chart, 'chat', { model, nodePool: pool });
  const objs = synth(chart);
  expect(objs.some(o => o.kind === 'NodePool')).toBe(false);
  expect(podSpec(only(objs, 'InferenceService')).tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }]);
});

test('bad props throw a ValidationError naming the construct path', () => {
  expect(() => new GpuNodePool(testChart(), 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 0 })).toThrow('test/l4-pool: maxGpus 0 is not a whole number ≥ 1');
});

describe('allowFrom with cdk8s-plus selectors', () => {
  const ingressFrom = (allowFrom: any[]) => {
    const chart = testChart();
    new VllmPredictor(chart, 'chat', { model, allowFrom: allowFrom.map(f => f(chart)) });
    return only(synth(chart), 'NetworkPolicy', 'chat-allow').spec.ingress[0].from;
  };

  test('Pods.select in named namespaces', () => {
    const from = ingressFrom([(c: any) => kplus.Pods.select(c, 'frontend', { labels: { app: 'chat-frontend' }, namespaces: kplus.Namespaces.select(c, 'apps', { names: ['apps'] }) })]);
    expect(from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: { matchLabels: { app: 'chat-frontend' } } }]);
  });

  test('Namespaces.select by name and by labels', () => {
    expect(ingressFrom([(c: any) => kplus.Namespaces.select(c, 'apps', { names: ['apps'] })])).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: {} },
    ]);
    expect(ingressFrom([(c: any) => kplus.Namespaces.select(c, 'team', { labels: { team: 'chat' } })])).toEqual([
      { namespaceSelector: { matchLabels: { team: 'chat' } }, podSelector: {} },
    ]);
  });

  test('plain peers and selectors mix', () => {
    const from = ingressFrom([() => ({ namespace: 'gateway' }), (c: any) => kplus.Pods.select(c, 'local', { labels: { role: 'client' } })]);
    expect(from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway' } }, podSelector: {} },
      { podSelector: { matchLabels: { role: 'client' } } },
    ]);
  });

  test('several namespace names become one peer each', () => {
    expect(ingressFrom([(c: any) => kplus.Namespaces.select(c, 'two', { names: ['a', 'b'] })])).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'a' } }, podSelector: {} },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'b' } }, podSelector: {} },
    ]);
  });

  test('Namespaces.all() is refused: the serving port is never open to every namespace', () => {
    const chart = testChart();
    expect(() => new VllmPredictor(chart, 'chat', { model, allowFrom: [kplus.Namespaces.all(chart, 'all')] }))
      .toThrow('test/chat: allowFrom[0] {"namespaceSelector":{},"podSelector":{}} selects every namespace; name the namespaces the clients run in');
  });

  test('a selection by label expression is refused', () => {
    const chart = testChart();
    const peer = kplus.Pods.select(chart, 'expr', { expressions: [kplus.LabelExpression.exists('app')] });
    expect(() => new VllmPredictor(chart, 'chat', { model, allowFrom: [peer] })).toThrow(ValidationError);
    expect(() => new VllmPredictor(testChart(), 'chat2', { model, allowFrom: [kplus.Pods.select(testChart(), 'e', { expressions: [kplus.LabelExpression.exists('app')] })] }))
      .toThrow('test/chat2: allowFrom[0]');
  });
});
