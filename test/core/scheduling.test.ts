import {
  existingGpuNodePool, HuggingFaceModel, KnativeFeature, renderGpuNodePool, renderVllmPredictor, ServingMode, ValidationError, VllmPredictorProps,
} from '../../src/core';
import { podSpec, servingContainers } from '../support/objects';
import { tolerates } from '../support/selectors';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const pool = renderGpuNodePool({ gpuType: 'nvidia-l4', maxGpus: 16, gpusPerNode: 4 }, { path: 'serving/l4-pool', name: 'l4-pool' });
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, gpus: 2, nodePool: pool.pool, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' });
const workload = (objects: any[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');

/** Serverless: the pool's affinity and tolerations need these Knative flags (declared here, refused below without). */
const POOL_FEATURES = [KnativeFeature.PODSPEC_AFFINITY, KnativeFeature.PODSPEC_TOLERATIONS];

describe.each(Object.values(ServingMode))('placement on a GpuNodePool in %s mode', mode => {
  const knativeFeatures = mode === ServingMode.KSERVE_SERVERLESS ? POOL_FEATURES : undefined;
  const pod = podSpec(workload(render({ mode, knativeFeatures }).objects));

  test('every taint of the pool is tolerated', () => {
    for (const taint of pool.taints) expect(tolerates(pod.tolerations, taint)).toBe(true);
  });

  test('required node affinity matches the pool\'s node labels', () => {
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([{
      matchExpressions: [
        { key: 'karpenter.sh/nodepool', operator: 'In', values: ['l4-pool'] },
        { key: 'karpenter.k8s.aws/instance-gpu-name', operator: 'In', values: ['l4'] },
      ],
    }]);
  });

  test('GPUs are requested and limited with the pool\'s resource, and tensor parallelism equals gpus', () => {
    const c = servingContainers(workload(render({ mode, knativeFeatures }).objects))[0];
    expect(c.resources.limits['nvidia.com/gpu']).toBe(2);
    expect(c.resources.requests['nvidia.com/gpu']).toBe(2);
    expect(c.args).toContain('--tensor-parallel-size=2');
  });
});

describe('a GpuNodePool in KSERVE_SERVERLESS mode needs the Knative flags of its affinity and tolerations', () => {
  test.each([
    [[], 'kubernetes.podspec-affinity'],
    [[KnativeFeature.PODSPEC_AFFINITY], 'kubernetes.podspec-tolerations'],
    [[KnativeFeature.PODSPEC_TOLERATIONS], 'kubernetes.podspec-affinity'],
  ])('declared %j: refused naming %s', (knativeFeatures, key) => {
    expect(() => render({ mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures })).toThrow(ValidationError);
    expect(() => render({ mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures })).toThrow(`serving/chat: nodePool`);
    expect(() => render({ mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures })).toThrow(`config-features key "${key}"`);
  });

  test('a pool without taints needs only the affinity flag', () => {
    const plain = existingGpuNodePool({ nodeSelector: { 'nvidia.com/gpu.product': 'L4' } });
    expect(() => render({ nodePool: plain, mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures: [KnativeFeature.PODSPEC_AFFINITY] })).not.toThrow();
  });
});

test('a MIG pool makes the pod request nvidia.com/mig-<profile> instead of nvidia.com/gpu', () => {
  const mig = existingGpuNodePool({ nodeSelector: { 'nvidia.com/gpu.product': 'A100' }, migProfile: '1g.10gb' });
  const c = servingContainers(workload(render({ nodePool: mig, gpus: 1, mode: ServingMode.DEPLOYMENT }).objects))[0];
  expect(c.resources.limits).toMatchObject({ 'nvidia.com/mig-1g.10gb': 1 });
  expect(c.resources.limits['nvidia.com/gpu']).toBeUndefined();
});

test('GPU Deployments roll out without a surge pod', () => {
  const d = render({ mode: ServingMode.DEPLOYMENT }).objects.find(o => o.kind === 'Deployment') as any;
  expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
});

describe('parallelism and pool size errors', () => {
  const cases: [string, Partial<VllmPredictorProps>, string][] = [
    ['more GPUs than a node has', { gpus: 8 }, 'serving/chat: gpus 8 exceeds the 4 GPU(s) one node of the pool has; give at most 4'],
    ['a pipeline-parallel flag', { extraArgs: ['--pipeline-parallel-size=2'] }, 'extraArgs[0] "--pipeline-parallel-size=2" asks for pipeline parallelism, but tensor parallelism already spans all 2 GPU(s)'],
    ['a pipeline-parallel flag as two args', { extraArgs: ['-pp', '2'] }, 'extraArgs[0] "-pp" asks for pipeline parallelism'],
    ['the -tp alias', { extraArgs: ['-tp', '4'] }, 'extraArgs[0] "-tp" sets the tensor-parallel size, which the construct derives from gpus (2)'],
  ];
  test.each(cases)('%s', (_n, p, msg) => {
    expect(() => render(p)).toThrow(ValidationError);
    expect(() => render(p)).toThrow(msg);
  });

  test('--tensor-parallel-size stays owned by gpus', () => {
    expect(() => render({ extraArgs: ['--tensor-parallel-size=4'] })).toThrow('use the gpus prop instead');
  });

  test('pipeline-parallel size 1 is harmless and accepted', () => {
    expect(() => render({ extraArgs: ['--pipeline-parallel-size=1'] })).not.toThrow();
  });
});

test('KServe Standard GPU predictors also roll without a surge pod (KServe defaults to maxSurge 25%)', () => {
  const isvc = render({ mode: ServingMode.KSERVE }).objects.find(o => o.kind === 'InferenceService') as any;
  expect(isvc.spec.predictor.deploymentStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  const knative = render({ mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures: POOL_FEATURES }).objects.find(o => o.kind === 'InferenceService') as any;
  expect(knative.spec.predictor.deploymentStrategy).toBeUndefined();
});
