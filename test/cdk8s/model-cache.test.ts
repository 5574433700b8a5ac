import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  HubTokenExternalSecret, HuggingFaceModel, ModelCache, SecretRef, ServingMode, VllmPredictor,
} from '../../src';
import { envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const COMMIT = '7ae557604adf67be50417f59c2c2f167def9a775';
const qwen = () => HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT });

test('the API.md cache program: the predictor uses cache.model and the cache, and only the Job holds the token', () => {
  const chart = testChart();
  const qwenCache = new ModelCache(chart, 'qwen-cache', { model: qwen(), hfToken: SecretRef.of('hf-secret', 'token'), size: '20Gi' });
  new VllmPredictor(chart, 'small-llm', { model: qwenCache.model, cache: qwenCache, gpus: 1 });
  const objects = synth(chart);
  const holders = objects.filter(o => JSON.stringify(o).includes('"hf-secret"')).map(o => `${o.kind}/${o.metadata.name}`);
  expect(holders).toEqual(['Job/qwen-cache-download']);
  const isvc = only(objects, 'InferenceService');
  expect(podSpec(isvc).volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'qwen-cache', readOnly: true } });
  expect(envMap(servingContainers(isvc)[0]).HF_HUB_OFFLINE).toBe('1');
});

test('ModelCache exposes the IModelCache fields and the Job name; the Job is the primary object', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: qwen(), size: '20Gi' });
  expect(cache.claimName).toBe('qwen-cache');
  expect(cache.subPath).toBe(`Qwen/Qwen2.5-0.5B-Instruct/${COMMIT}`);
  expect(cache.markerFile).toBe('.hf-serving-complete');
  expect(cache.jobName).toBe('qwen-cache-download');
  expect(ApiObject.of(cache).kind).toBe('Job');
  expect(synth(chart).map(o => o.kind)).toEqual(['PersistentVolumeClaim', 'ServiceAccount', 'Job', 'NetworkPolicy', 'NetworkPolicy']);
});

test('a cdk8s-plus Secret can be the token of a ModelCache', () => {
  const chart = testChart();
  const secret = kplus.Secret.fromSecretName(chart, 'existing', 'hub-credentials');
  new ModelCache(chart, 'qwen-cache', { model: qwen(), size: '20Gi', hfToken: SecretRef.fromSecret(secret, 'HF_TOKEN') });
  const job = only(synth(chart), 'Job');
  expect(envMap(job.spec.template.spec.containers[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hub-credentials', key: 'HF_TOKEN' } });
});

test('a HubTokenExternalSecret feeds KServe\'s storage initializer through the ServiceAccount, not the server', () => {
  const chart = testChart();
  const token = new HubTokenExternalSecret(chart, 'hf-token', { storeName: 'vault', remoteKey: 'ml/huggingface' });
  new VllmPredictor(chart, 'private-llm', {
    model: HuggingFaceModel.fromHub('acme/private-llm', { revision: '0123456789abcdef0123456789abcdef01234567' }),
    hfToken: token.secretRef,
    gpus: 1,
    mode: ServingMode.KSERVE,
    allowServingPodEgressForDownload: true,
  });
  const objects = synth(chart);
  expect(only(objects, 'ExternalSecret').spec.target.name).toBe('hf-token');
  expect(only(objects, 'ServiceAccount', 'private-llm').secrets).toEqual([{ name: 'hf-token' }]);
  const isvc = only(objects, 'InferenceService');
  expect(isvc.spec.predictor.model.storageUri).toBe('hf://acme/private-llm:0123456789abcdef0123456789abcdef01234567');
  expect(JSON.stringify(servingContainers(isvc))).not.toContain('hf-token');
});

test('bad ModelCache props throw before anything is synthesized, naming the construct path', () => {
  const chart = testChart();
  expect(() => new ModelCache(chart, 'qwen-cache', { model: qwen(), size: 'lots' })).toThrow('test/qwen-cache: size "lots" is not a storage quantity; give the claim size like "20Gi"');
});

test('a predictor given another model than its cache holds is refused', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: qwen(), size: '20Gi' });
  const other = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
  expect(() => new VllmPredictor(chart, 'small-llm', { model: other, cache, gpus: 1 })).toThrow('test/small-llm: cache "Qwen/Qwen2.5-0.5B-Instruct@');
});
