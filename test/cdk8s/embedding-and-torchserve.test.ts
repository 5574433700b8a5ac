import { ApiObject } from 'cdk8s';
import { EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, TorchServePredictor } from '../../src';
import { synth, testChart } from '../support/objects';

const model = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });

test('HuggingFaceEmbeddingService exposes endpoints and synthesizes its objects under the chart namespace', () => {
  const chart = testChart();
  const tei = new HuggingFaceEmbeddingService(chart, 'gte-tei', { model, backend: EmbeddingBackend.TEI });
  expect(tei.endpoints).toEqual({
    url: 'http://gte-tei-predictor.ml-serving.svc.cluster.local', openaiEmbeddings: '/v1/embeddings', embed: '/embed', health: '/health', metrics: '/metrics',
  });
  expect(tei.apiBasePath).toBe('/v1');
  expect(ApiObject.of(tei).kind).toBe('InferenceService');
  expect(synth(chart).map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
    'ServiceAccount/gte-tei', 'InferenceService/gte-tei', 'PodDisruptionBudget/gte-tei', 'NetworkPolicy/gte-tei-default-deny', 'NetworkPolicy/gte-tei-allow',
    // the ModelCache made for the model
    'PersistentVolumeClaim/gte-tei-model', 'ServiceAccount/gte-tei-model-download', 'Job/gte-tei-model-download',
    'NetworkPolicy/gte-tei-model-download-default-deny', 'NetworkPolicy/gte-tei-model-download-egress',
  ]);
});

test('TorchServePredictor exposes endpoints; its ConfigMap is a child with a stable id', () => {
  const chart = testChart();
  const ts = new TorchServePredictor(chart, 'resnet', { storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'] });
  expect(ts.endpoints.predictions).toEqual({ 'resnet-18': '/predictions/resnet-18' });
  expect(ts.node.tryFindChild('ConfigMap-config')).toBeDefined();
  expect(synth(chart).filter(o => o.kind === 'ConfigMap').map(o => o.metadata.name)).toEqual(['resnet-config']);
});

test('validation errors carry the cdk8s construct path', () => {
  expect(() => new TorchServePredictor(testChart(), 'resnet', { storageUri: 'pvc://model-store/resnet', models: [] }))
    .toThrow('test/resnet: models [] lists no model archive');
});
