import { existingGpuNodePool, renderGpuNodePool, ValidationError } from '../../src/core';
import { GPU_NODE_POOL_DEFAULTS, GPU_TAINT } from '../../src/core/gpu-node-pool';
import { tolerates } from '../support/selectors';

const ctx = { path: 'serving/l4-pool', name: 'l4-pool' };
const render = (p: any) => renderGpuNodePool({ gpuType: 'nvidia-l4', maxGpus: 16, ...p }, ctx);
const nodePool = (p: any = {}) => render(p).objects[0] as any;

describe('GpuNodePool NodePool', () => {
  test('is a karpenter.sh/v1 NodePool without a namespace', () => {
    const np = nodePool();
    expect(np.apiVersion).toBe('karpenter.sh/v1');
    expect(np.kind).toBe('NodePool');
    expect(np.metadata.name).toBe('l4-pool');
    expect(np.metadata.namespace).toBeUndefined();
  });

  test('requires nvidia GPUs of the chosen type, on-demand by default', () => {
    expect(nodePool().spec.template.spec.requirements).toEqual([
      { key: 'karpenter.k8s.aws/instance-gpu-manufacturer', operator: 'In', values: ['nvidia'] },
      { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['l4'] },
      { key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand'] },
    ]);
    expect(GPU_NODE_POOL_DEFAULTS.capacityTypes).toEqual(['on-demand']);
  });

  test('gpusPerNode adds the instance GPU count requirement and caps pods', () => {
    const r = render({ gpusPerNode: 4 });
    expect((r.objects[0] as any).spec.template.spec.requirements).toContainEqual({ key: 'karpenter.k8s.aws/instance-gpu-count', operator: 'In', values: ['4'] });
    expect(r.pool.maxGpusPerNode).toBe(4);
  });

  test('spot can be allowed', () => {
    expect(nodePool({ capacityTypes: ['on-demand', 'spot'] }).spec.template.spec.requirements).toContainEqual({ key: 'karpenter.sh/capacity-type', operator: 'In', values: ['on-demand', 'spot'] });
  });

  test('taints nodes nvidia.com/gpu=true:NoSchedule and limits nvidia.com/gpu to maxGpus', () => {
    const np = nodePool({ maxGpus: 12 });
    expect(np.spec.template.spec.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
    expect(np.spec.limits).toEqual({ 'nvidia.com/gpu': '12' });
  });

  test('consolidates only empty nodes, after 30m, one node at a time', () => {
    expect(nodePool().spec.disruption).toEqual({ consolidationPolicy: 'WhenEmpty', consolidateAfter: '30m', budgets: [{ nodes: '1' }] });
    expect(nodePool({ consolidateAfter: '2h' }).spec.disruption.consolidateAfter).toBe('2h');
  });

  test('references the default EC2NodeClass unless told otherwise', () => {
    expect(nodePool().spec.template.spec.nodeClassRef).toEqual({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' });
    const custom = { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'gpu' };
    expect(nodePool({ nodeClass: custom }).spec.template.spec.nodeClassRef).toEqual(custom);
  });

  test('its placement handle selects the pool\'s nodes and tolerates every taint', () => {
    const r = render({});
    expect(r.pool.nodeSelector).toEqual({ 'karpenter.sh/nodepool': 'l4-pool', 'karpenter.k8s.aws/instance-gpu-name': 'l4' });
    const taints = (r.objects[0] as any).spec.template.spec.taints;
    for (const t of taints) expect(tolerates(r.pool.tolerations as any[], t)).toBe(true);
    expect(r.taints).toEqual([GPU_TAINT]);
    expect(r.pool.gpuResource).toBeUndefined();
  });

  test('a MIG profile makes pods request nvidia.com/mig-<profile>', () => {
    expect(renderGpuNodePool({ gpuType: 'nvidia-a100', maxGpus: 8, migProfile: '1g.10gb' }, ctx).pool.gpuResource).toBe('nvidia.com/mig-1g.10gb');
  });
});

describe('GpuNodePool errors', () => {
  const cases: [string, any, string][] = [
    ['unknown gpuType', { gpuType: 'nvidia-x9' }, 'serving/l4-pool: gpuType "nvidia-x9" is not a known GPU type; use one of nvidia-t4'],
    ['maxGpus 0', { maxGpus: 0 }, 'serving/l4-pool: maxGpus 0 is not a whole number ≥ 1'],
    ['fractional maxGpus', { maxGpus: 1.5 }, 'maxGpus 1.5 is not a whole number'],
    ['gpusPerNode above maxGpus', { maxGpus: 4, gpusPerNode: 8 }, 'gpusPerNode 8 is not a whole number from 1 to maxGpus (4)'],
    ['bad MIG profile', { gpuType: 'nvidia-a100', migProfile: 'half' }, 'migProfile "half" is not a MIG profile'],
    ['MIG on a GPU without MIG', { migProfile: '1g.10gb' }, 'migProfile "1g.10gb" needs a MIG-capable GPU, and nvidia-l4 is not one; use gpuType nvidia-a100 or nvidia-h100'],
    ['bad capacity type', { capacityTypes: ['cheap'] }, 'capacityTypes ["cheap"] is not a non-empty list'],
    ['empty capacity types', { capacityTypes: [] }, 'capacityTypes [] is not a non-empty list'],
    ['bad consolidateAfter', { consolidateAfter: 'soon' }, 'consolidateAfter "soon" is not a Karpenter duration'],
    ['bad nodeClass', { nodeClass: { group: '', kind: 'EC2NodeClass', name: 'x' } }, 'nodeClass {"group":"","kind":"EC2NodeClass","name":"x"} is not a node class reference'],
  ];
  test.each(cases)('%s', (_n, p, msg) => {
    expect(() => render(p)).toThrow(ValidationError);
    expect(() => render(p)).toThrow(msg);
  });

  test('a name that is not a DNS label', () => {
    expect(() => renderGpuNodePool({ gpuType: 'nvidia-l4', maxGpus: 1 }, { path: 'x/L4', name: 'L4' })).toThrow('x/L4: name "L4" is not a DNS-1035 label');
  });
});

describe('GpuNodePool.fromExisting', () => {
  test('tolerates exactly the given taints and keeps the node selector', () => {
    const taints = [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' as const }, { key: 'dedicated', effect: 'NoExecute' as const }];
    const pool = existingGpuNodePool({ nodeSelector: { 'cloud.google.com/gke-nodepool': 'l4-pool' }, taints });
    expect(pool.nodeSelector).toEqual({ 'cloud.google.com/gke-nodepool': 'l4-pool' });
    expect(pool.tolerations).toEqual([
      { key: 'nvidia.com/gpu', operator: 'Equal', value: 'present', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' },
    ]);
    for (const t of taints) expect(tolerates(pool.tolerations as any[], t)).toBe(true);
    expect(tolerates(pool.tolerations as any[], { key: 'other', effect: 'NoSchedule' })).toBe(false);
  });

  test('MIG profile and node size carry over', () => {
    const pool = existingGpuNodePool({ nodeSelector: { pool: 'a100' }, migProfile: '3g.40gb', gpusPerNode: 8 });
    expect(pool.gpuResource).toBe('nvidia.com/mig-3g.40gb');
    expect(pool.maxGpusPerNode).toBe(8);
  });

  const cases: [string, any, string][] = [
    ['empty nodeSelector', { nodeSelector: {} }, 'GpuNodePool.fromExisting: nodeSelector {} is empty, so pods could land on any node'],
    ['bad label key', { nodeSelector: { 'a b': 'x' } }, 'nodeSelector.a b "x" is not a label key and string value'],
    ['bad taint effect', { nodeSelector: { a: 'b' }, taints: [{ key: 'k', effect: 'Never' }] }, 'taints[0] {"key":"k","effect":"Never"} is not a taint'],
    ['bad MIG profile', { nodeSelector: { a: 'b' }, migProfile: 'x' }, 'migProfile "x" is not a MIG profile'],
    ['bad gpusPerNode', { nodeSelector: { a: 'b' }, gpusPerNode: 0 }, 'gpusPerNode 0 is not a whole number ≥ 1'],
  ];
  test.each(cases)('%s', (_n, o, msg) => {
    expect(() => existingGpuNodePool(o)).toThrow(ValidationError);
    expect(() => existingGpuNodePool(o)).toThrow(msg);
  });
});
