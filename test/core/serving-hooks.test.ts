import { HuggingFaceModel, ServingMode } from '../../src';
import { renderVllmPredictor } from '../../src/core/vllm-predictor';
import { renderTorchServePredictor } from '../../src/core/torchserve-predictor';
import { only } from '../support/objects';

const ctx = { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' };
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });

describe('the family hooks are off unless a family sets them', () => {
  test('no recreate hook: Deployments roll, KServe predictors do not recreate', () => {
    expect(only(renderVllmPredictor({ model, mode: ServingMode.DEPLOYMENT }, ctx).objects, 'Deployment').spec.strategy.type).toBe('RollingUpdate');
    expect(only(renderVllmPredictor({ model }, ctx).objects, 'InferenceService').spec.predictor.deploymentStrategy?.type).not.toBe('Recreate');
  });

  test('no config files: no ConfigMap, no config volume, no working directory', () => {
    const r = renderVllmPredictor({ model, mode: ServingMode.DEPLOYMENT }, ctx);
    expect(r.objects.some(o => o.kind === 'ConfigMap')).toBe(false);
    const pod = only(r.objects, 'Deployment').spec.template.spec;
    expect(pod.volumes.map((v: any) => v.name)).not.toContain('config');
    expect(pod.containers[0].workingDir).toBeUndefined();
  });

  test('no side ingress: the allow policy opens the serving port only', () => {
    const ingress = only(renderVllmPredictor({ model, mode: ServingMode.DEPLOYMENT }, ctx).objects, 'NetworkPolicy', 'chat-allow').spec.ingress;
    expect(ingress).toHaveLength(1);
  });
});

test('a family with its own weights needs no model and applies its ConfigMap before the workload', () => {
  const r = renderTorchServePredictor({ storageUri: 'pvc://store', models: ['m.mar'], mode: ServingMode.DEPLOYMENT }, { ...ctx, name: 'ts' });
  expect(r.objects.map(o => o.kind)).toEqual(['ServiceAccount', 'ConfigMap', 'Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', 'NetworkPolicy']);
  const mount = only(r.objects, 'Deployment').spec.template.spec.containers[0].volumeMounts.find((m: any) => m.name === 'model-store');
  expect(mount).toEqual({ name: 'model-store', mountPath: '/mnt/models', readOnly: true });
});
