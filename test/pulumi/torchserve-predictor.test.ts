import { ModelControl, ServingMode } from '../../src';
import { TorchServePredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle, valueOf } from '../support/pulumi-mocks';

const seen = recordRegistrations();

beforeEach(() => { seen.length = 0; });

test('registers a component with the hf-serving type token, the ConfigMap and the workload', async () => {
  const ts = new TorchServePredictor('resnet', { namespace: 'ml-serving', storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode: ServingMode.DEPLOYMENT });
  await settle();
  expect(seen.find(r => r.name === 'resnet')?.type).toBe('hf-serving:index:TorchServePredictor');
  expect(kubeObjects(seen).map(o => o.kind).sort()).toEqual(['ConfigMap', 'Deployment', 'NetworkPolicy', 'NetworkPolicy', 'PodDisruptionBudget', 'Service', 'ServiceAccount']);
  expect(seen.find(r => r.type === 'kubernetes:core/v1:ConfigMap')?.name).toBe('resnet-config-configmap');
  expect(await valueOf(ts.url)).toBe('http://resnet.ml-serving.svc.cluster.local');
  expect(await valueOf(ts.endpoints)).toEqual({ url: 'http://resnet.ml-serving.svc.cluster.local', predictions: { 'resnet-18': '/predictions/resnet-18' } });
});

test('EXPLICIT without admin peers throws before any child is registered', async () => {
  expect(() => new TorchServePredictor('open', { namespace: 'ml-serving', storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], modelControl: ModelControl.EXPLICIT }))
    .toThrow('open: managementAllowFrom (unset) names no admin peers, but modelControl is EXPLICIT');
  await settle();
  expect(kubeObjects(seen).filter(o => o.metadata.name.startsWith('open'))).toEqual([]);
});
