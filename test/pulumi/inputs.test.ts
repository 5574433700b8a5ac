import * as pulumi from '@pulumi/pulumi';
import { Namespace } from '@pulumi/kubernetes/core/v1/namespace';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { HuggingFaceModel, ServingMode } from '../../src';
import { HuggingFaceEmbeddingService, ModelCache, TorchServePredictor, VllmPredictor } from '../../src/pulumi';
import { TIMEOUT_SECONDS_ANNOTATION } from '../../src/pulumi/await';
import { kubeObjects, recordRegistrations, settle as settleOnce, valueOf } from '../support/pulumi-mocks';
import { sharedCache } from '../support/objects';

const seen = recordRegistrations();
const REV = '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5';
const model = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: REV });
const later = <T>(v: T): pulumi.Output<T> => pulumi.output(new Promise<T>(r => setImmediate(() => r(v)))) as unknown as pulumi.Output<T>;
/** Late values take a few more turns than plain ones to reach the mocks. */
async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) await settleOnce();
}

beforeEach(() => { seen.length = 0; });

/** Registered Kubernetes objects by logical name. */
function byName(): Record<string, any> {
  return Object.fromEntries(seen.filter(r => r.inputs?.kind).map(r => [r.name, r.inputs]));
}

test('namespace given as an Output (a Namespace resource) works, and the url follows it', async () => {
  const ns = new Namespace('apps', { metadata: { name: 'apps' } });
  const p = new VllmPredictor('falcon', { namespace: ns.metadata.name, model, gpus: 1, mode: ServingMode.DEPLOYMENT });
  await settle();
  const objs = kubeObjects(seen).filter(o => o.kind !== 'Namespace');
  // with the ModelCache made for the model (claim, download Job and its ServiceAccount and policies)
  expect(objs.map(o => o.kind).sort()).toEqual(['Deployment', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy',
    'PersistentVolumeClaim', 'PodDisruptionBudget', 'Service', 'ServiceAccount', 'ServiceAccount']);
  expect(objs.every(o => o.metadata.namespace === 'apps')).toBe(true);
  expect(await valueOf(p.url)).toBe('http://falcon.apps.svc.cluster.local');
});

test('late values give the same objects, under the same names, as the plain values', async () => {
  const props = { model, cache: sharedCache(model), gpus: 2, replicas: 2, mode: ServingMode.DEPLOYMENT, resources: { cpu: '8', memory: '64Gi' }, env: { LOG_LEVEL: 'debug' }, allowFrom: [{ namespace: 'apps' }] };
  new VllmPredictor('plain', { namespace: 'ml-serving', ...props });
  await settle();
  const plain = byName();
  seen.length = 0;
  new VllmPredictor('plain', {
    namespace: later('ml-serving'), model, cache: sharedCache(model), gpus: later(2), replicas: Promise.resolve(2), mode: ServingMode.DEPLOYMENT,
    resources: { cpu: '8', memory: later('64Gi') }, env: { LOG_LEVEL: later('debug') }, allowFrom: [{ namespace: later('apps') }],
  });
  await settle();
  const late = byName();
  expect(Object.keys(late).sort()).toEqual(Object.keys(plain).sort());
  for (const [name, obj] of Object.entries(late)) {
    // the wait budget travels as an annotation when it is only known late; everything else is equal
    const { [TIMEOUT_SECONDS_ANNOTATION]: budget, ...annotations } = obj.metadata.annotations ?? {};
    const stripped = { ...obj, metadata: { ...obj.metadata, ...(obj.metadata.annotations ? { annotations } : {}) } };
    if (Object.keys(annotations).length === 0 && obj.metadata.annotations) delete stripped.metadata.annotations;
    expect({ name, obj: stripped }).toEqual({ name, obj: plain[name] });
    if (['Deployment', 'Service'].includes(obj.kind)) expect(Number(budget)).toBeGreaterThanOrEqual(2 * 1800);
    else expect(budget).toBeUndefined();
  }
});

test('a late model (its revision from an Output) is validated when it resolves', async () => {
  const lateModel = later(REV).apply(revision => HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision, trustRemoteCode: true }));
  const p = new VllmPredictor('late-model', { namespace: 'ml-serving', model: lateModel, gpus: 1 });
  await settle();
  expect(kubeObjects(seen).find(o => o.kind === 'InferenceService').spec.predictor.model.args).toContain(`--model_revision=${REV}`);
  expect(await valueOf(p.url)).toBe('http://late-model-predictor.ml-serving.svc.cluster.local');
});

describe('a bad value that resolves late fails the update with the library ValidationError', () => {
  // run as the Pulumi language host runs a program: in its own process, where an unhandled rejection fails the update
  let run: { threw: string[]; failures: Record<string, string[]> };
  beforeAll(() => {
    // the process exits non-zero (failed updates leave registrations pending); its first line is the report
    const out = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fixtures', 'late-failures.ts')],
      { cwd: path.resolve(__dirname, '../..'), encoding: 'utf8' });
    run = JSON.parse(out.stdout.split('\n')[0]);
  });

  test('no constructor threw: the values were not known then', () => {
    expect(run.threw).toEqual([]);
  });

  test.each([
    ['late-gpus', 'gpus', 'late-gpus: gpus 0 is not a valid GPU count'],
    ['late-namespace', 'namespace', 'late-namespace: namespace "default" is not a dedicated namespace'],
    ['late-memory', 'resources.memory', 'late-memory: resources.memory "lots" is not'],
    ['late-revision', 'model.revision', 'late-revision: model.revision "main" is not a pinned commit'],
    ['late-peer', 'allowFrom[0].namespace', 'late-peer: allowFrom[0].namespace "Not A Namespace" is not a namespace name'],
    ['late-shape', 'autoscaling', 'late-shape: autoscaling "<Output>" changed which objects the component creates once resolved'],
  ])('%s fails with the ValidationError of field %s', (name, field, message) => {
    const errors = run.failures[name] ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every(e => e.startsWith(`${field}|`) && e.includes(message))).toBe(true);
  });

  test('a good late value fails nothing', () => {
    expect(run.failures['late-good']).toBeUndefined();
    expect(Object.keys(run.failures).sort()).toEqual(['late-gpus', 'late-memory', 'late-namespace', 'late-peer', 'late-revision', 'late-shape']);
  });
});

test('known values are still validated at construction, even when others are late', () => {
  expect(() => new VllmPredictor('known-bad', { namespace: later('ml-serving'), model, gpus: 0 })).toThrow('known-bad: gpus 0 is not a valid GPU count');
});

test('a late required prop without a default is refused at construction, naming it', () => {
  expect(() => new TorchServePredictor('ts', { namespace: 'ml-serving', storageUri: later('pvc://store/resnet'), models: ['resnet-18.mar'] }))
    .toThrow('ts: storageUri "<Output>" must be known when the component is constructed');
});

test('every serving component and the ModelCache accept late values', async () => {
  const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
  const emb = new HuggingFaceEmbeddingService('emb', { namespace: later('ml-serving'), model: gte, cache: sharedCache(gte), replicas: later(2) });
  const ts = new TorchServePredictor('ts', { namespace: 'ml-serving', storageUri: 'pvc://store/resnet', models: ['resnet-18.mar'], replicas: later(3), mode: ServingMode.DEPLOYMENT });
  const cache = new ModelCache('cache', { namespace: later('ml-serving'), model, size: later('40Gi'), downloadTimeoutSeconds: later(9000) });
  await settle();
  expect(await valueOf(emb.url)).toBe('http://emb-predictor.ml-serving.svc.cluster.local');
  expect(await valueOf(ts.endpoints)).toEqual({ url: 'http://ts.ml-serving.svc.cluster.local', predictions: { 'resnet-18': '/predictions/resnet-18' } });
  const objs = byName();
  expect(objs['emb-inferenceservice'].spec.predictor.minReplicas).toBe(2);
  expect(objs['ts-deployment'].spec.replicas).toBe(3);
  expect(objs['cache-persistentvolumeclaim'].spec.resources.requests.storage).toBe('40Gi');
  expect(objs['cache-download-job'].spec.activeDeadlineSeconds).toBe(9000);
  expect(Number(objs['cache-download-job'].metadata.annotations[TIMEOUT_SECONDS_ANNOTATION])).toBeGreaterThanOrEqual(9000);
  expect(cache.claimName).toBe('cache');
  expect(await valueOf(cache.jobName)).toBe('cache-download');
});

test('props added to the shared props later (the platform props) take Inputs with no code of their own', async () => {
  new VllmPredictor('platform', {
    namespace: 'ml-serving', model, gpus: 1, mode: ServingMode.DEPLOYMENT,
    priorityClassName: later('ml-high'), imagePullSecrets: [later('registry-credentials')], nodeSelector: { 'example.com/zone-class': later('gpu') },
  });
  await settle();
  const pod = byName()['platform-deployment'].spec.template.spec;
  expect(pod.priorityClassName).toBe('ml-high');
  expect(pod.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
  expect(pod.nodeSelector).toEqual({ 'example.com/zone-class': 'gpu' });
});
