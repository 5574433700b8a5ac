import * as pulumi from '@pulumi/pulumi';
import { EmbeddingBackend, HuggingFaceModel, ServingMode } from '../../src';
import { HuggingFaceEmbeddingService } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle, valueOf } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });

beforeEach(() => { seen.length = 0; });

test('registers a component with the hf-serving type token and reports the endpoints as outputs', async () => {
  const svc = new HuggingFaceEmbeddingService('embedding', { namespace: 'ml-serving', model, resources: { cpu: '2', memory: '8Gi' } });
  await settle();
  expect(seen.find(r => r.name === 'embedding')?.type).toBe('hf-serving:index:HuggingFaceEmbeddingService');
  // with the ModelCache made for the model
  expect(kubeObjects(seen).map(o => o.kind).sort()).toEqual(['InferenceService', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
    'NetworkPolicy', 'PersistentVolumeClaim', 'PodDisruptionBudget', 'ServiceAccount', 'ServiceAccount']);
  expect(await valueOf(svc.url)).toBe('http://embedding-predictor.ml-serving.svc.cluster.local');
  expect(await valueOf(svc.apiBasePath)).toBe('/openai/v1');
  expect(await valueOf(svc.endpoints)).toEqual({
    url: 'http://embedding-predictor.ml-serving.svc.cluster.local',
    openaiEmbeddings: '/openai/v1/embeddings',
    v1Predict: '/v1/models/embedding:predict',
    v2Infer: '/v2/models/embedding/infer',
    health: '/v1/models/embedding',
    metrics: '/metrics',
  });
});

test('a secret API key value becomes a Secret referenced by the engine variable, and appears nowhere else', async () => {
  const key = 'tei-key-value-123';
  new HuggingFaceEmbeddingService('gte-tei', {
    namespace: 'ml-serving', model, backend: EmbeddingBackend.TEI, apiKey: pulumi.secret(key), mode: ServingMode.DEPLOYMENT,
  });
  await settle();
  const objs = kubeObjects(seen);
  expect(objs.find(o => o.kind === 'Secret').metadata.name).toBe('gte-tei-api-key');
  const deployment = objs.find(o => o.kind === 'Deployment');
  const env = deployment.spec.template.spec.containers[0].env;
  expect(env.find((e: any) => e.name === 'API_KEY').valueFrom.secretKeyRef).toEqual({ name: 'gte-tei-api-key', key: 'api-key' });
  expect(JSON.stringify(objs.filter(o => o.kind !== 'Secret'))).not.toContain(key);
});

test('bad input throws before any child is registered', async () => {
  expect(() => new HuggingFaceEmbeddingService('bad', { namespace: 'ml-serving', model, backend: EmbeddingBackend.INFINITY, pooling: 'cls' }))
    .toThrow('bad: pooling "cls" is not an option of the INFINITY backend');
  await settle();
  expect(kubeObjects(seen).filter(o => o.metadata.name.startsWith('bad'))).toEqual([]);
});
