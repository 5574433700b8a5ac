import { HuggingFaceModel, KnativeFeature, PlatformOptions, ServingMode } from '../../src';
import { renderEmbeddingService } from '../../src/core/embedding-service';
import { renderTorchServePredictor } from '../../src/core/torchserve-predictor';
import { renderVllmPredictor } from '../../src/core/vllm-predictor';
import { HuggingFaceEmbeddingService, TorchServePredictor, VllmPredictor } from '../../src/pulumi';
import { normalize } from '../support/parity';
import { kubeObjects, recordRegistrations, settle } from '../support/pulumi-mocks';

const seen = recordRegistrations();
beforeEach(() => { seen.length = 0; });

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const platform: PlatformOptions = {
  metadata: { labels: { team: 'search' }, annotations: { 'example.com/owner': 'search@example.com' } },
  podMetadata: { labels: { 'cost-center': 'ml-42' } },
  imagePullSecrets: ['registry-credentials'],
  priorityClassName: 'ml-high',
  runtimeClassName: 'gvisor',
  nodeSelector: { 'example.com/zone-class': 'gpu' },
  tolerations: [{ key: 'example.com/dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
  serviceAccount: { annotations: { 'iam.gke.io/gcp-service-account': 'models@project.iam.gserviceaccount.com' } },
  volumes: [{ name: 'prompts', configMap: { name: 'chat-prompts' } }],
  volumeMounts: [{ name: 'prompts', mountPath: '/etc/hf-serving/prompts' }],
  envFrom: [{ configMap: 'app-settings', prefix: 'APP_' }],
  knativeFeatures: [KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME],
};
const ctx = (name: string) => ({ path: name, name, namespace: 'ml-serving' });

test.each(Object.values(ServingMode).filter(m => m !== ServingMode.KSERVE_SERVERLESS))('%s: the Pulumi components register what the core renders with the platform props', async mode => {
  const engineOptions = { dtype: 'bfloat16' as const, maxNumSeqs: 32, chatTemplate: { name: 'chat-templates', key: 'qwen.jinja' } };
  new VllmPredictor('chat', { namespace: 'ml-serving', model, mode, engineOptions, ...platform });
  new HuggingFaceEmbeddingService('embedding', { namespace: 'ml-serving', model, mode, ...platform });
  new TorchServePredictor('resnet', { namespace: 'ml-serving', storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode, ...platform });
  await settle();
  const expected = [
    ...renderVllmPredictor({ model, mode, engineOptions, ...platform }, ctx('chat')).objects,
    ...renderEmbeddingService({ model, mode, ...platform }, ctx('embedding')).objects,
    ...renderTorchServePredictor({ storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode, ...platform }, ctx('resnet')).objects,
  ];
  expect(normalize(kubeObjects(seen))).toEqual(normalize(expected));
  expect(kubeObjects(seen).filter(o => o.kind === 'ServiceAccount').every(o => o.metadata.labels.team === 'search')).toBe(true);
});

test('a refused platform prop throws before any child is registered', async () => {
  expect(() => new VllmPredictor('bad', { namespace: 'ml-serving', model, mode: ServingMode.KSERVE_SERVERLESS, nodeSelector: { a: 'b' } }))
    .toThrow('bad: nodeSelector {"a":"b"} would be refused by Knative');
  await settle();
  expect(kubeObjects(seen)).toEqual([]);
});
