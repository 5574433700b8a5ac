import { EmbeddingBackend, HuggingFaceModel, SecretRef, ServingMode } from '../../src';
import { GpuNodePool, HubTokenExternalSecret, HuggingFaceEmbeddingService, ModelCache, TorchServePredictor, VllmPredictor } from '../../src/pulumi';
import { AWAIT_GRACE_SECONDS, AWAITED_KINDS, awaitBudgetSeconds, PROVIDER_DEFAULT_AWAIT_SECONDS, SKIP_AWAIT_ANNOTATION } from '../../src/pulumi/await';
import { durationSeconds, recordRegistrations, Registered, settle } from '../support/pulumi-mocks';
import { sharedCache } from '../support/objects';

const seen = recordRegistrations();
const llm = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ns = 'ml-serving';
const MODES = [ServingMode.DEPLOYMENT, ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS];

beforeEach(() => { seen.length = 0; });

/** Registrations of kinds the provider awaits (the fact is restated here, not read from the source). */
const PROVIDER_AWAITS = ['apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'batch/v1/Job', 'v1/Service', 'v1/Pod', 'networking.k8s.io/v1/Ingress'];
function awaited(rs: readonly Registered[]): Registered[] {
  return rs.filter(r => r.inputs?.kind && PROVIDER_AWAITS.includes(`${r.inputs.apiVersion}/${r.inputs.kind}`));
}
function timeouts(r: Registered): { create: number; update: number } {
  const t = r.options.customTimeouts;
  if (!t) throw new Error(`${r.name} has no customTimeouts`);
  return { create: durationSeconds(t.create), update: durationSeconds(t.update) };
}
/** Every awaited object's create and update timeouts are at least `budget(object)`. */
function expectBudgets(budget: (obj: any) => number): void {
  const list = awaited(seen);
  for (const r of list) {
    const t = timeouts(r);
    const need = budget(r.inputs);
    const ok = t.create >= need && t.update >= need && t.create > PROVIDER_DEFAULT_AWAIT_SECONDS;
    expect({ name: r.name, ok }).toEqual({ name: r.name, ok: true });
  }
}

test('the kinds the provider awaits and its default wait are the ones pulumi-kubernetes declares', () => {
  expect([...AWAITED_KINDS].sort()).toEqual([...PROVIDER_AWAITS].sort());
  expect(PROVIDER_DEFAULT_AWAIT_SECONDS).toBe(600);
  expect(SKIP_AWAIT_ANNOTATION).toBe('pulumi.com/skipAwait');
  expect(AWAIT_GRACE_SECONDS).toBe(300);
});

describe.each(MODES)('VllmPredictor in %s mode', mode => {
  test('default props: every awaited object waits at least the startup timeout plus the download allowance', async () => {
    new VllmPredictor('falcon', { namespace: ns, model: llm, gpus: 1, mode });
    await settle();
    // an InferenceService is not awaited; the download Job of the cache made for the model is
    if (mode !== ServingMode.DEPLOYMENT) expect(awaited(seen).map(r => r.inputs.kind)).toEqual(['Job']);
    else expect(awaited(seen).map(r => r.inputs.kind).sort()).toEqual(['Deployment', 'Job', 'Service']);
    expectBudgets(() => 1800 + 600);
  });

  test('four replicas and a one-hour startup: a rolling update of four GPU pods, one at a time', async () => {
    new VllmPredictor('falcon', { namespace: ns, model: llm, cache: sharedCache(llm), gpus: 1, mode, replicas: 4, startupTimeoutSeconds: 3600 });
    await settle();
    expectBudgets(o => (o.kind === 'Deployment' ? 4 : 1) * 3600);
  });

  test('autoscaled up to three replicas: the rollout budget counts the maximum', async () => {
    const metric = mode === ServingMode.KSERVE_SERVERLESS ? 'concurrency' : 'cpu';
    new VllmPredictor('falcon', { namespace: ns, model: llm, cache: sharedCache(llm), gpus: 1, mode, autoscaling: { minReplicas: 1, maxReplicas: 3, metric, target: 80 } });
    await settle();
    expectBudgets(o => (o.kind === 'Deployment' ? 3 : 1) * 1800);
  });
});

describe.each(MODES)('HuggingFaceEmbeddingService in %s mode', mode => {
  test.each([EmbeddingBackend.KSERVE, EmbeddingBackend.TEI, EmbeddingBackend.INFINITY, EmbeddingBackend.VLLM])('backend %s', async backend => {
    if (backend === EmbeddingBackend.VLLM) {
      new HuggingFaceEmbeddingService('emb', { namespace: ns, model: gte, cache: sharedCache(gte), backend, mode, gpus: 1, replicas: 2, startupTimeoutSeconds: 2400, rollingUpdate: true });
    } else {
      new HuggingFaceEmbeddingService('emb', { namespace: ns, model: gte, cache: sharedCache(gte), backend, mode, replicas: 2, startupTimeoutSeconds: 2400, rollingUpdate: true });
    }
    await settle();
    if (mode === ServingMode.DEPLOYMENT) expect(awaited(seen).length).toBe(2);
    expectBudgets(o => (o.kind === 'Deployment' ? 2 : 1) * 2400);
  });
});

describe.each([ServingMode.DEPLOYMENT, ServingMode.KSERVE])('TorchServePredictor in %s mode', mode => {
  test('awaited objects wait at least the startup timeout', async () => {
    new TorchServePredictor('resnet', { namespace: ns, storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode, replicas: 2, startupTimeoutSeconds: 1200 });
    await settle();
    expectBudgets(o => (o.kind === 'Deployment' ? 2 : 1) * 1200);
  });
});

test('ModelCache: the download Job waits at least its download deadline (all retries), by default two hours', async () => {
  new ModelCache('cache', { namespace: ns, model: llm, size: '40Gi' });
  new ModelCache('slow-cache', { namespace: ns, model: llm, size: '40Gi', downloadTimeoutSeconds: 5 * 3600 });
  await settle();
  const jobs = awaited(seen).filter(r => r.inputs.kind === 'Job');
  expect(jobs.map(r => r.name).sort()).toEqual(['cache-download-job', 'slow-cache-download-job']);
  expect(timeouts(jobs.find(r => r.name === 'cache-download-job')!).create).toBeGreaterThanOrEqual(7200);
  expect(timeouts(jobs.find(r => r.name === 'slow-cache-download-job')!).update).toBeGreaterThanOrEqual(5 * 3600);
});

test('GpuNodePool and HubTokenExternalSecret create nothing the provider awaits', async () => {
  new GpuNodePool('gpus', { gpuType: 'nvidia-l4', maxGpus: 4 });
  new HubTokenExternalSecret('token', { namespace: ns, storeName: 'vault', remoteKey: 'hf/token' });
  await settle();
  expect(seen.filter(r => r.inputs?.kind).length).toBe(2);
  await settle();
  expect(awaited(seen)).toEqual([]);
});

test('skipAwait: awaited objects carry pulumi.com/skipAwait and no timeout; other objects are unchanged', async () => {
  new VllmPredictor('quick', { namespace: ns, model: llm, gpus: 1, mode: ServingMode.DEPLOYMENT, skipAwait: true });
  new ModelCache('quick-cache', { namespace: ns, model: llm, size: '40Gi', skipAwait: true });
  await settle();
  const list = awaited(seen);
  // the predictor's own cache Job, and the ModelCache's
  expect(list.map(r => r.inputs.kind).sort()).toEqual(['Deployment', 'Job', 'Job', 'Service']);
  for (const r of list) {
    expect(r.inputs.metadata.annotations[SKIP_AWAIT_ANNOTATION]).toBe('true');
    expect(r.options.customTimeouts).toBeUndefined();
  }
  const others = seen.filter(r => r.inputs?.kind && !list.includes(r));
  expect(others.filter(r => JSON.stringify(r.inputs).includes(SKIP_AWAIT_ANNOTATION))).toEqual([]);
});

test('without skipAwait no object carries a pulumi.com annotation (the objects stay those cdk8s synthesizes)', async () => {
  new VllmPredictor('plain', { namespace: ns, model: llm, gpus: 1, mode: ServingMode.DEPLOYMENT });
  await settle();
  expect(seen.filter(r => JSON.stringify(r.inputs).includes('pulumi.com/'))).toEqual([]);
});

test('customTimeouts given to the component replace the derived ones on awaited objects only', async () => {
  new VllmPredictor('mine', { namespace: ns, model: llm, gpus: 1, mode: ServingMode.DEPLOYMENT }, { customTimeouts: { create: '3h', update: '4h' } });
  await settle();
  for (const r of awaited(seen)) expect(r.options.customTimeouts).toEqual({ create: '3h', update: '4h', delete: '' });
  expect(seen.filter(r => r.inputs?.kind === 'NetworkPolicy').every(r => r.options.customTimeouts === undefined)).toBe(true);
});

test('a predictor serving from a Pulumi ModelCache waits for the cache Job before its own objects', async () => {
  const cache = new ModelCache('qwen-cache', { namespace: ns, model: llm, size: '40Gi', hfToken: SecretRef.of('hf', 'HF_TOKEN') });
  new VllmPredictor('cached', { namespace: ns, model: llm, cache, gpus: 1, mode: ServingMode.DEPLOYMENT });
  await settle();
  const deployment = seen.find(r => r.name === 'cached-deployment')!;
  expect(deployment.options.dependencies.some(u => u.endsWith('::qwen-cache-download-job'))).toBe(true);
});

describe('awaitBudgetSeconds on hand-written objects', () => {
  const meta = (name: string) => ({ name, namespace: ns });
  const pod = (startup?: object) => ({ metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', ...(startup ? { startupProbe: startup } : {}) }] } });
  const deployment = (spec: object) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('x'), spec: { template: pod(), ...spec } });

  test('Kubernetes defaults: progress deadline 600 s, 25% surge and unavailability', () => {
    expect(awaitBudgetSeconds(deployment({}), [])).toBe(600 + 300);
    // 8 replicas, 25% each way → 2 + 2 pods per step → 2 steps
    expect(awaitBudgetSeconds(deployment({ replicas: 8 }), [])).toBe(2 * 600 + 300);
  });

  test('Recreate is one step whatever the replica count', () => {
    expect(awaitBudgetSeconds(deployment({ replicas: 5, strategy: { type: 'Recreate' }, progressDeadlineSeconds: 2000 }), [])).toBe(2000 + 300);
  });

  test('a startup probe window longer than the progress deadline wins', () => {
    const d = { ...deployment({ progressDeadlineSeconds: 100 }), spec: { template: pod({ periodSeconds: 10, failureThreshold: 180 }) } };
    expect(awaitBudgetSeconds(d, [])).toBe(1800 + 300);
  });

  test('a StatefulSet rolls one pod at a time: pods × (probe window + 600 s)', () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('db'), spec: { replicas: 3, template: pod({ periodSeconds: 10, failureThreshold: 30 }) } };
    expect(awaitBudgetSeconds(sts, [])).toBe(3 * (300 + 600) + 300);
  });

  test('a Service waits as long as the workload it selects; without a match or selector it has no budget', () => {
    const d = deployment({ progressDeadlineSeconds: 1000 });
    const svc = (selector?: object) => ({ apiVersion: 'v1', kind: 'Service', metadata: meta('x'), spec: selector ? { selector } : {} });
    expect(awaitBudgetSeconds(svc({ app: 'x' }), [d])).toBe(1000 + 300);
    expect(awaitBudgetSeconds(svc({ app: 'y' }), [d])).toBeUndefined();
    expect(awaitBudgetSeconds(svc(), [d])).toBeUndefined();
  });

  test('kinds the provider does not await, and a Job without a deadline, have no budget', () => {
    expect(awaitBudgetSeconds({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: meta('x') }, [])).toBeUndefined();
    expect(awaitBudgetSeconds({ apiVersion: 'batch/v1', kind: 'Job', metadata: meta('x'), spec: {} }, [])).toBeUndefined();
  });
});

test('a Deployment an autoscaler owns ignores replica changes; a fixed-size one does not', async () => {
  new VllmPredictor('scaled', { namespace: ns, model: llm, cache: sharedCache(llm), gpus: 1, mode: ServingMode.DEPLOYMENT, autoscaling: { minReplicas: 1, maxReplicas: 3, metric: 'cpu', target: 80 } });
  new VllmPredictor('keda', { namespace: ns, model: llm, cache: sharedCache(llm), gpus: 1, mode: ServingMode.DEPLOYMENT, autoscaling: { minReplicas: 1, maxReplicas: 3, metric: 'vllm:num_requests_waiting', target: 5 }, monitoring: { namespace: 'monitoring' } });
  new VllmPredictor('fixed', { namespace: ns, model: llm, cache: sharedCache(llm), gpus: 1, mode: ServingMode.DEPLOYMENT, replicas: 2 });
  await settle();
  expect(seen.find(r => r.name === 'scaled-deployment')!.options.ignoreChanges).toEqual(['spec.replicas']);
  expect(seen.find(r => r.name === 'keda-deployment')!.options.ignoreChanges).toEqual(['spec.replicas']);
  expect(seen.find(r => r.name === 'fixed-deployment')!.options.ignoreChanges).toEqual([]);
  expect(seen.filter(r => r.inputs?.kind && r.inputs.kind !== 'Deployment').every(r => r.options.ignoreChanges.length === 0)).toBe(true);
});
