import { HuggingFaceModel, renderVllmPredictor, ServingMode } from '../../../src/core';
import { CLUSTER_LOCAL_LABELS } from '../../../src/core/serving/visibility';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
const isvc = (mode: ServingMode) => renderVllmPredictor({ model, gpus: 1, mode }, { path: 's/m', name: 'm', namespace: 'ml' }).objects.find(o => o.kind === 'InferenceService');

test('the default: a serverless InferenceService is cluster-local (Knative visibility label)', () => {
  expect(CLUSTER_LOCAL_LABELS).toEqual({ 'networking.knative.dev/visibility': 'cluster-local' });
  expect(isvc(ServingMode.KSERVE_SERVERLESS)!.metadata.labels).toMatchObject(CLUSTER_LOCAL_LABELS);
});

test('KServe Standard carries no Knative label (its Service is a ClusterIP already)', () => {
  expect(Object.keys(isvc(ServingMode.KSERVE)!.metadata.labels ?? {})).not.toContain('networking.knative.dev/visibility');
});
