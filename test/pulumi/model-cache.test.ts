import * as pulumi from '@pulumi/pulumi';
import { HuggingFaceModel, SecretRef, SecretStoreKind } from '../../src';
import { HubTokenExternalSecret, ModelCache, VllmPredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });

beforeEach(() => { seen.length = 0; });

test('a secret token value becomes a Secret that only the download Job references', async () => {
  const token = 'hf_pulumi_secret_value_0123456789abcdef';
  const cache = new ModelCache('qwen-cache', { namespace: 'ml-serving', model, size: '20Gi', hfToken: pulumi.secret(token) });
  new VllmPredictor('small-llm', { namespace: 'ml-serving', model: cache.model, cache, gpus: 1 });
  await settle();
  expect(seen.find(r => r.name === 'qwen-cache')?.type).toBe('hf-serving:index:ModelCache');
  const objs = kubeObjects(seen);
  const secret = objs.find(o => o.kind === 'Secret');
  expect(secret.metadata.name).toBe('qwen-cache-hf-token');
  expect(secret.stringData.value).toEqual({ HF_TOKEN: token });
  expect(JSON.stringify(objs.filter(o => o.kind !== 'Secret'))).not.toContain(token);
  const referencing = objs.filter(o => o.kind !== 'Secret' && JSON.stringify(o).includes('qwen-cache-hf-token')).map(o => `${o.kind}/${o.metadata.name}`);
  expect(referencing).toEqual(['Job/qwen-cache-download']);
});

test('the Pulumi ModelCache implements IModelCache, so a Pulumi predictor mounts it', async () => {
  const cache = new ModelCache('qwen-cache-ref', { namespace: 'ml-serving', model, size: '20Gi', hfToken: SecretRef.of('hf-secret', 'token') });
  expect(cache.claimName).toBe('qwen-cache-ref');
  new VllmPredictor('small-llm-ref', { namespace: 'ml-serving', model: cache.model, cache, gpus: 1 });
  await settle();
  const isvc = kubeObjects(seen).find(o => o.kind === 'InferenceService');
  expect(isvc.spec.predictor.volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'qwen-cache-ref', readOnly: true } });
  expect(kubeObjects(seen).some(o => o.kind === 'Secret')).toBe(false);
});

test('HubTokenExternalSecret registers the ExternalSecret and exposes a SecretRef', async () => {
  const es = new HubTokenExternalSecret('hf-token', { namespace: 'ml-serving', storeName: 'vault', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, remoteKey: 'ml/hf' });
  await settle();
  expect(seen.find(r => r.name === 'hf-token')?.type).toBe('hf-serving:index:HubTokenExternalSecret');
  expect(kubeObjects(seen).map(o => `${o.apiVersion}/${o.kind}`)).toEqual(['external-secrets.io/v1/ExternalSecret']);
  expect(es.secretRef).toEqual(SecretRef.of('hf-token', 'HF_TOKEN'));
});

test('bad input throws before any child is registered', async () => {
  expect(() => new ModelCache('bad-cache', { namespace: 'ml-serving', model, size: '0Gi' })).toThrow('bad-cache: size "0Gi" is smaller than 1Gi');
  await settle();
  expect(kubeObjects(seen)).toEqual([]);
});

test('the Pulumi ModelCache carries loraAdapters like the cdk8s construct: its Job downloads them, a Pulumi predictor serves them from it', async () => {
  const sql = HuggingFaceModel.fromHub('acme/sql-lora', { revision: '1'.repeat(40) });
  const cache = new ModelCache('qwen-lora-cache', { namespace: 'ml-serving', model, size: '20Gi', loraAdapters: [{ name: 'sql', model: sql }] });
  expect(cache.loraAdapters).toEqual([{ name: 'sql', model: sql }]);
  new VllmPredictor('lora-llm', { namespace: 'ml-serving', model: cache.model, cache, gpus: 1, loraAdapters: [{ name: 'sql', model: sql }] });
  await settle();
  const objs = kubeObjects(seen);
  const job = objs.find(o => o.kind === 'Job');
  expect(job.spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['model-download', 'lora-download-0']);
  const isvc = objs.find(o => o.kind === 'InferenceService');
  expect(isvc.spec.predictor.model.args).toContain(`sql=/mnt/models/lora/acme/sql-lora/${'1'.repeat(40)}`);
  expect(isvc.spec.predictor.initContainers.map((c: any) => c.name)).toEqual(['model-cache-ready']);
});
