import { HuggingFaceModel, ServingMode } from '../../src';
import { GpuNodePool, VllmPredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle } from '../support/pulumi-mocks';

const seen = recordRegistrations();
beforeEach(() => { seen.length = 0; });

test('registers a NodePool under the hf-serving:index:GpuNodePool component', async () => {
  new GpuNodePool('l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
  await settle();
  expect(seen.find(r => r.name === 'l4-pool')?.type).toBe('hf-serving:index:GpuNodePool');
  const np = kubeObjects(seen).find(o => o.kind === 'NodePool');
  expect(np.apiVersion).toBe('karpenter.sh/v1');
  expect(np.metadata.namespace).toBeUndefined();
  expect(np.spec.limits).toEqual({ 'nvidia.com/gpu': '16' });
});

test('a Pulumi predictor on the pool gets its tolerations', async () => {
  const pool = new GpuNodePool('l4', { gpuType: 'nvidia-l4', maxGpus: 8 });
  new VllmPredictor('chat', {
    namespace: 'ml-serving', gpus: 1, nodePool: pool, mode: ServingMode.DEPLOYMENT,
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
  });
  await settle();
  const d = kubeObjects(seen).find(o => o.kind === 'Deployment');
  expect(d.spec.template.spec.tolerations).toEqual([{ key: 'nvidia.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }]);
});

test('bad props throw before anything registers', async () => {
  expect(() => new GpuNodePool('bad', { gpuType: 'nvidia-l4', maxGpus: -1 })).toThrow('bad: maxGpus -1 is not a whole number ≥ 1');
});
