import * as pulumi from '@pulumi/pulumi';
import { HuggingFaceModel, SecretRef, ServingMode } from '../../src';
import { VllmPredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle, valueOf } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '9cbb1610be271fd06576e7e00f60e75612d53a4d', trustRemoteCode: true });

beforeEach(() => { seen.length = 0; });

test('registers a component with the hf-serving type token and children named after it', async () => {
  const p = new VllmPredictor('falcon-7b', { namespace: 'ml-serving', model, gpus: 1 });
  await settle();
  expect(seen.find(r => r.name === 'falcon-7b')?.type).toBe('hf-serving:index:VllmPredictor');
  const kinds = kubeObjects(seen).map(o => o.kind);
  // with the ModelCache made for the model
  expect(kinds.sort()).toEqual(['InferenceService', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
    'PersistentVolumeClaim', 'PodDisruptionBudget', 'ServiceAccount', 'ServiceAccount']);
  expect(seen.filter(r => r.type !== 'hf-serving:index:VllmPredictor').every(r => r.name.startsWith('falcon-7b'))).toBe(true);
  expect(await valueOf(p.url)).toBe('http://falcon-7b-predictor.ml-serving.svc.cluster.local');
  expect(await valueOf(p.apiBasePath)).toBe('/openai/v1');
});

test('children are parented to the component', async () => {
  const p = new VllmPredictor('parented', { namespace: 'ml-serving', model, gpus: 1, mode: ServingMode.DEPLOYMENT });
  await settle();
  const urn = await valueOf(p.urn);
  const children = await Promise.all(
    (p as any).__childResources ? [...(p as any).__childResources].map((c: pulumi.Resource) => valueOf(c.urn)) : [],
  );
  expect(children.length).toBe(11); // six serving objects and five of the ModelCache made for the model
  expect(children.every((u: string) => u.includes('hf-serving:index:VllmPredictor$'))).toBe(true);
  expect(urn).toContain('parented');
});

test('a secret hfToken value becomes a Secret and appears in no other object', async () => {
  const token = 'hf_super_secret_value_123';
  new VllmPredictor('private-llm', { namespace: 'ml-serving', model, gpus: 1, hfToken: pulumi.secret(token), mode: ServingMode.DEPLOYMENT });
  await settle();
  const objs = kubeObjects(seen);
  const secret = objs.find(o => o.kind === 'Secret');
  expect(secret.metadata.name).toBe('private-llm-hf-token');
  // the whole stringData reaches the engine as a Pulumi secret (the mock sees the secret envelope)
  expect(secret.stringData['4dabf18193072939515e22adb298388d']).toBe('1b47061264138c4ac30d75fd1eb44270');
  expect(secret.stringData.value).toEqual({ HF_TOKEN: token });
  const others = objs.filter(o => o.kind !== 'Secret');
  expect(JSON.stringify(others)).not.toContain(token);
  const deployment = objs.find(o => o.kind === 'Deployment');
  // only the download Job of the cache made for the model gets the token
  const download = objs.find(o => o.kind === 'Job').spec.template.spec.containers[0];
  expect(download.env.find((e: any) => e.name === 'HF_TOKEN').valueFrom.secretKeyRef).toEqual({ name: 'private-llm-hf-token', key: 'HF_TOKEN' });
  expect(JSON.stringify(deployment)).not.toContain('private-llm-hf-token');
  expect(JSON.stringify(deployment.spec.template.spec.containers)).not.toContain('HF_TOKEN');
});

test('an existing SecretRef passes through without creating a Secret', async () => {
  new VllmPredictor('ref-llm', { namespace: 'ml-serving', model, gpus: 1, hfToken: SecretRef.of('hf-secret', 'token') });
  await settle();
  expect(kubeObjects(seen).some(o => o.kind === 'Secret')).toBe(false);
});

test('bad input throws a ValidationError before any child is registered', async () => {
  expect(() => new VllmPredictor('bad', { namespace: 'ml-serving', model, gpus: 0 })).toThrow('bad: gpus 0 is not a valid GPU count');
  await settle();
  expect(kubeObjects(seen).filter(o => o.metadata.name.startsWith('bad'))).toEqual([]);
});
