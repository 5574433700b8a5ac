import { HuggingFaceModel, renderVllmPredictor, ServingMode, VllmPredictorProps } from '../../src/core';
import { only, podSpec, sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, gpus: 1, cache: sharedCache(model), ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' }).objects as any[];
const workload = (objs: any[]) => objs.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');

describe.each(Object.values(ServingMode))('%s mode', mode => {
  test('a PodDisruptionBudget that never blocks a drain, even at one replica', () => {
    const pdb = only(render({ mode }), 'PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec).toEqual({
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: { matchLabels: { 'app.kubernetes.io/instance': 'chat', 'app.kubernetes.io/component': 'predictor' } },
    });
    expect(pdb.spec.minAvailable).toBeUndefined();
  });

  test('no topology spread at one replica', () => {
    expect(podSpec(workload(render({ mode }))).topologySpreadConstraints).toBeUndefined();
  });

  test('spread over nodes and zones (soft) when replicas > 1 or autoscaling can exceed 1', () => {
    for (const p of [{ replicas: 2 }, { autoscaling: { minReplicas: 1, maxReplicas: 3 } }]) {
      const spread = podSpec(workload(render({ mode, ...p }))).topologySpreadConstraints;
      // serverless: Knative refuses topologySpreadConstraints unless the cluster enables its flag, so none is emitted
      if (mode === ServingMode.KSERVE_SERVERLESS) { expect(spread).toBeUndefined(); continue; }
      expect(spread.map((s: any) => s.topologyKey)).toEqual(['kubernetes.io/hostname', 'topology.kubernetes.io/zone']);
      for (const s of spread) {
        expect(s).toMatchObject({ maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' });
        expect(s.labelSelector.matchLabels).toEqual({ 'app.kubernetes.io/instance': 'chat', 'app.kubernetes.io/component': 'predictor' });
      }
    }
  });
});
