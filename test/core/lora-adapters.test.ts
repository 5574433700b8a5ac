import { blockingFindings, EmbeddingBackend, HuggingFaceModel, KnativeFeature, LlmEngine, LlmPredictor, ModelCache, policyReport, SecretRef, ServingMode, VllmPredictor } from '../../src';
import { ADAPTERS_SUBDIR, adapterSubPath, cacheSubPath } from '../../src/core/cache-layout';
import { VLLM_LORA_FLAGS, VLLM_OWNED_FLAGS } from '../../src/core/engines/vllm';
import { cachedAdapterDir, LORA_ADAPTER_STORAGE, LORA_DIR, MAX_LORA_ADAPTERS, planLoraAdapters, validateLoraAdapters } from '../../src/core/lora-adapters';
import { renderModelCache } from '../../src/core/model-cache';
import { HTTPS_EGRESS } from '../../src/core/network';
import { MODEL_DIR } from '../../src/core/paths';
import { envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const BASE = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
// stand-ins: the tests never download
const SQL = HuggingFaceModel.fromHub('acme/qwen2.5-0.5b-sql-lora', { revision: '1111111111111111111111111111111111111111' });
const SUPPORT = HuggingFaceModel.fromHub('acme/qwen2.5-0.5b-support-lora', { revision: '2222222222222222222222222222222222222222' });
const adapters = [{ name: 'sql', model: SQL }, { name: 'support', model: SUPPORT }];
const workload = (objects: any[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');
const script = (c: any) => (c.command as string[]).join(' ');
const findingIds = (objects: any[]) => policyReport(objects).findings.map(f => f.id);

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('loraAdapters by default (from the model\'s cache), %s', mode => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: BASE, mode, loraAdapters: adapters, hfToken: SecretRef.of('hf', 'HF_TOKEN') });
  const objects = synth(chart);
  const w = workload(objects);
  const server = servingContainers(w)[0];
  const job = only(objects, 'Job', 'chat-model-download');
  const jobPod = podSpec(job);
  const modelDir = cacheSubPath(BASE);

  test('served under their names from the model directory: --enable-lora and one --lora-modules list of name=path', () => {
    const args = server.args!;
    const i = args.indexOf('--lora-modules');
    expect(args).toContain('--enable-lora');
    expect(args.slice(i, i + 3)).toEqual(['--lora-modules',
      `sql=${MODEL_DIR}/lora/acme/qwen2.5-0.5b-sql-lora/${SQL.revision}`, `support=${MODEL_DIR}/lora/acme/qwen2.5-0.5b-support-lora/${SUPPORT.revision}`]);
    expect(args.filter(a => a.startsWith('--lora-modules'))).toHaveLength(1);
  });

  test('nothing downloads in the serving pod: no download step, no adapter volume, no token, offline, no runtime loading', () => {
    expect((podSpec(w).initContainers ?? []).map((c: any) => c.name).filter((n: string) => n !== 'model-cache-ready')).toEqual([]);
    expect(JSON.stringify(podSpec(w).volumes ?? [])).not.toMatch(/lora/);
    const env = envMap(server);
    expect(env.HF_TOKEN).toBeUndefined();
    expect(env.HF_HUB_OFFLINE).toBe('1');
    expect(env.VLLM_ALLOW_RUNTIME_LORA_UPDATING).toBeUndefined();
  });

  test('the cache Job downloads each adapter pinned, safetensors only, into lora/<pin> inside the model directory, with its own marker; the model marker comes last', () => {
    expect((jobPod.initContainers as any[]).map(c => c.name)).toEqual(['model-download', 'lora-download-0', 'lora-download-1']);
    expect((jobPod.containers as any[]).map(c => c.name)).toEqual(['model-complete']);
    const [model, sql] = jobPod.initContainers as any[];
    expect(script(model)).not.toMatch(/date -u/);
    expect(script(sql)).toContain(`'hf://acme/qwen2.5-0.5b-sql-lora:${SQL.revision}' '${MODEL_DIR}'`);
    expect(script(sql)).toMatch(/date -u/);
    expect(sql.volumeMounts).toContainEqual({ name: 'cache', mountPath: MODEL_DIR, subPath: `${modelDir}/lora/acme/qwen2.5-0.5b-sql-lora/${SQL.revision}` });
    expect(JSON.parse(envMap(sql).STORAGE_ALLOW_PATTERNS as string)).not.toContain('*.bin');
    expect(envMap(sql).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf', key: 'HF_TOKEN' } });
    expect(script(jobPod.containers[0])).toMatch(/date -u/);
  });

  test('the claim is budgeted for the adapters too (modelStorage + 4Gi each)', () => {
    expect(only(objects, 'PersistentVolumeClaim', 'chat-model').spec.resources.requests.storage).toBe('58Gi');
  });

  test('the serving pod gets no internet egress: no K38 warning, no error finding', () => {
    expect(findingIds(objects)).not.toContain('K38');
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
  });

  if (mode === ServingMode.KSERVE_SERVERLESS) {
    test('serverless: the model directory (adapters inside) is KServe\'s pvc:// storage URI; no Knative feature needed', () => {
      expect(podSpec(w).model.storageUri).toBe(`pvc://chat-model/${modelDir}`);
      expect(podSpec(w).initContainers).toBeUndefined();
    });
  } else {
    test('the claim is mounted read-only at the model directory after the marker check (adapters inside it)', () => {
      expect(server.volumeMounts).toContainEqual({ name: 'model', mountPath: MODEL_DIR, subPath: modelDir, readOnly: true });
      expect(podSpec(w).initContainers.map((c: any) => c.name)).toEqual(['model-cache-ready']);
    });
  }
});

test('an adapter lives in lora/<its cache subpath>, inside the model directory KServe mounts', () => {
  expect(ADAPTERS_SUBDIR).toBe('lora');
  expect(adapterSubPath(SQL)).toBe(`lora/acme/qwen2.5-0.5b-sql-lora/${SQL.revision}`);
  expect(cachedAdapterDir(SQL)).toBe(`${MODEL_DIR}/lora/acme/qwen2.5-0.5b-sql-lora/${SQL.revision}`);
});

test('a ModelCache given as cache serves the adapters it lists (under any name), offline; the server adds nothing', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: BASE, size: '10Gi', loraAdapters: adapters });
  expect(cache.loraAdapters).toEqual(adapters);
  new VllmPredictor(chart, 'chat', { model: cache.model, cache, mode: ServingMode.DEPLOYMENT, loraAdapters: [{ name: 'text-to-sql', model: SQL }] });
  const objects = synth(chart);
  const job = podSpec(only(objects, 'Job', 'qwen-cache-download'));
  expect(job.initContainers.map((c: any) => c.name)).toEqual(['model-download', 'lora-download-0', 'lora-download-1']);
  const server = servingContainers(workload(objects))[0];
  expect(server.args).toContain(`text-to-sql=${cachedAdapterDir(SQL)}`);
  expect(objects.filter(o => o.kind === 'Job')).toHaveLength(1);
  expect(findingIds(objects)).not.toContain('K38');
});

test('a given cache without the adapter: refused, naming the adapter, the cache and the fixes', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: BASE, size: '10Gi', loraAdapters: [{ name: 'sql', model: SQL }] });
  expect(() => new VllmPredictor(chart, 'chat', { model: cache.model, cache, loraAdapters: adapters }))
    .toThrow(/test\/chat: loraAdapters\[1\]\.model .*acme\/qwen2.5-0.5b-support-lora@2{40}.*is not in cache qwen-cache.*add \{ name: "support", model \} to the ModelCache's loraAdapters/s);
});

test('the same adapter under two names is downloaded once', () => {
  const r = renderModelCache({ model: BASE, size: '10Gi', loraAdapters: [{ name: 'a', model: SQL }, { name: 'b', model: SQL }] },
    { path: 'test/c', name: 'c', namespace: 'ns' });
  const job = podSpec(r.objects.find(o => o.kind === 'Job'));
  expect(job.initContainers.map((c: any) => c.name)).toEqual(['model-download', 'lora-download-0']);
});

test('a standalone ModelCache downloads Hub adapters only (an object store needs the serving construct\'s identity)', () => {
  const s3 = HuggingFaceModel.fromStorage('s3://models/sql-lora/v1', { sha256: { 'adapter_model.safetensors': 'a'.repeat(64) } });
  expect(() => new ModelCache(testChart(), 'c', { model: BASE, size: '10Gi', loraAdapters: [{ name: 'sql', model: s3 }] }))
    .toThrow(/loraAdapters\[0\]\.model .*is not a Hub model.*fromHub/s);
});

test('object-store adapters of a serving construct go through the cache made for it (its identity on the Job)', () => {
  const chart = testChart();
  const s3 = HuggingFaceModel.fromStorage('s3://models/sql-lora/v1', { sha256: { 'adapter_model.safetensors': 'a'.repeat(64) } });
  new VllmPredictor(chart, 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT, loraAdapters: [{ name: 'sql', model: s3 }],
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/read' } } });
  const objects = synth(chart);
  const step = podSpec(only(objects, 'Job', 'chat-model-download')).initContainers[1];
  expect(script(step)).toContain(`'s3://models/sql-lora/v1' '${MODEL_DIR}'`);
  expect(script(step)).toContain('sha256sum -c');
  expect(only(objects, 'ServiceAccount', 'chat-model-download').metadata.annotations).toEqual({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/read' });
});

test('a model from a claim or an image has no cache for adapters: refused, naming the ways out', () => {
  const pvc = HuggingFaceModel.fromStorage('pvc://models/qwen', { sha256: { 'model.safetensors': 'b'.repeat(64) } });
  expect(() => new VllmPredictor(testChart(), 'chat', { model: pvc, mode: ServingMode.DEPLOYMENT, loraAdapters: adapters }))
    .toThrow(/loraAdapters .*have no cache to come from.*allowServingPodEgressForDownload: true/s);
});

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('loraAdapters downloaded in the serving pod (allowServingPodEgressForDownload), %s', mode => {
  const chart = testChart();
  const features = mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] } : {};
  new VllmPredictor(chart, 'chat', { model: BASE, mode, loraAdapters: adapters, allowServingPodEgressForDownload: true, hfToken: SecretRef.of('hf', 'HF_TOKEN'), ...features });
  const objects = synth(chart);
  const w = workload(objects);
  const server = servingContainers(w)[0];
  const inits = podSpec(w).initContainers as any[];

  test('each adapter has its own step holding the token, an emptyDir and a read-only mount; the server gets no token', () => {
    const steps = inits.filter(c => c.name.startsWith('lora-download-'));
    expect(steps.map(c => c.name)).toEqual(['lora-download-0', 'lora-download-1']);
    expect(script(steps[0])).toContain(`'hf://acme/qwen2.5-0.5b-sql-lora:${SQL.revision}' '${LORA_DIR}/sql'`);
    expect(envMap(steps[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf', key: 'HF_TOKEN' } });
    expect(server.volumeMounts).toContainEqual({ name: 'lora-0', mountPath: `${LORA_DIR}/sql`, readOnly: true });
    expect(podSpec(w).volumes).toContainEqual({ name: 'lora-1', emptyDir: { sizeLimit: LORA_ADAPTER_STORAGE } });
    expect(server.args).toContain(`sql=${LORA_DIR}/sql`);
    expect(envMap(server).HF_TOKEN).toBeUndefined();
    expect(objects.filter(o => o.kind === 'Job')).toEqual([]);
  });

  test('checkManifests finds no error, and reports the egress (K38)', () => {
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
    expect(findingIds(objects)).toContain('K38');
  });
});

test('default: no adapters, LoRA off (no flag, no download step, no mount)', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT });
  const text = JSON.stringify(synth(chart));
  expect(text).not.toMatch(/lora/i);
});

test('the LoRA flags are the construct\'s: refused in extraArgs, naming loraAdapters', () => {
  expect(VLLM_OWNED_FLAGS[VLLM_LORA_FLAGS.enable]).toBe('loraAdapters');
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, extraArgs: ['--lora-modules=x=/tmp/x'] })).toThrow(/loraAdapters/);
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT, extraArgs: ['--enable-lora'] }))
    .toThrow(/loraAdapters/);
});

test('runtime LoRA loading stays off: VLLM_ALLOW_RUNTIME_LORA_UPDATING is refused in env', () => {
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, loraAdapters: adapters, env: { VLLM_ALLOW_RUNTIME_LORA_UPDATING: 'True' } }))
    .toThrow(/VLLM_ALLOW_RUNTIME_LORA_UPDATING/);
});

test('in-pod download with a cache: the pod is offline by default, so it is refused; offline: false allows it with HTTPS egress', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: BASE, size: '5Gi' });
  expect(() => new VllmPredictor(chart, 'chat', { model: cache.model, cache, loraAdapters: adapters, allowServingPodEgressForDownload: true }))
    .toThrow(/loraAdapters .*offline forbids.*drop allowServingPodEgressForDownload.*offline: false/s);
  new VllmPredictor(chart, 'chat2', { model: cache.model, cache, offline: false, loraAdapters: adapters, allowServingPodEgressForDownload: true, mode: ServingMode.DEPLOYMENT });
  const objects = synth(chart);
  expect(only(objects, 'NetworkPolicy', 'chat2-allow').spec.egress).toContainEqual(HTTPS_EGRESS);
});

test('serverless in-pod download without Knative\'s init-containers feature: refused, naming the feature and the other modes', () => {
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, mode: ServingMode.KSERVE_SERVERLESS, loraAdapters: adapters, allowServingPodEgressForDownload: true }))
    .toThrow(/loraAdapters .*kubernetes.podspec-init-containers.*ServingMode.DEPLOYMENT/s);
});

const P = { path: 'test/chat', servedName: 'chat' };
test.each([
  [[], 'is empty'],
  [[{ name: 'chat', model: SQL }], 'is the name the base model is served under'],
  [[{ name: 'sql', model: SQL }, { name: 'sql', model: SUPPORT }], 'is given twice'],
  [[{ name: 'a=b', model: SQL }], 'is not an adapter name'],
  [[{ name: 'sql', model: 'acme/sql' }], 'is not a HuggingFaceModel'],
  [[{ name: 'sql', model: HuggingFaceModel.fromHub('acme/sql', { revision: 'main' }) }], 'loraAdapters[0].model.revision'],
  [[{ name: 'sql', model: HuggingFaceModel.fromHub('acme/sql', { revision: '1'.repeat(40), allowPickleWeights: true }) }], 'pickle'],
  [[{ name: 'sql', model: HuggingFaceModel.fromHub('acme/sql', { revision: '1'.repeat(40), trustRemoteCode: true }) }], 'weights only'],
  [[{ name: 'sql', model: HuggingFaceModel.fromImage(`registry.example/sql@sha256:${'a'.repeat(64)}`) }], 'is not downloadable'],
  ['sql', 'loraAdapters'],
])('refuses %j', (list, message) => {
  expect(() => validateLoraAdapters(list, P)).toThrow(message);
});

test('LlmPredictor: adapters with vLLM; refused with SGLang (its adapter flags are not mapped), naming the way out', () => {
  const chart = testChart();
  new LlmPredictor(chart, 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT, loraAdapters: adapters });
  expect(servingContainers(workload(synth(chart)))[0].args).toContain('--enable-lora');
  expect(() => new LlmPredictor(testChart(), 'chat', { model: BASE, engine: LlmEngine.SGLANG, loraAdapters: adapters }))
    .toThrow(/loraAdapters .*are not mapped to LlmEngine.SGLANG flags.*LlmEngine.VLLM/s);
});

test('defaults: 4Gi per adapter, in-pod adapters at /mnt/lora/<name>; at most 16 adapters', () => {
  expect(LORA_ADAPTER_STORAGE).toBe('4Gi');
  expect(LORA_DIR).toBe('/mnt/lora');
  expect(MAX_LORA_ADAPTERS).toBe(16);
  const many = Array.from({ length: 17 }, (_, n) => ({ name: `a${n}`, model: SQL }));
  expect(() => validateLoraAdapters(many, P)).toThrow(/more than 16 adapters/);
});

test('planLoraAdapters: from the cache only flags; in the pod, offline refuses', () => {
  const list = [{ name: 'sql', model: SQL }];
  expect(planLoraAdapters(list, { path: 'p', inCache: true, offline: true })).toEqual({
    initContainers: [], volumes: [], mounts: [], args: ['--enable-lora', '--lora-modules', `sql=${cachedAdapterDir(SQL)}`],
  });
  expect(() => planLoraAdapters(list, { path: 'p', inCache: false, offline: true })).toThrow(/offline forbids/);
  expect(planLoraAdapters(undefined, { path: 'p', inCache: true, offline: false })).toBeUndefined();
});

test('a ModelCache with a preload check and adapters: the adapters download before the check, the marker still comes last', () => {
  const r = renderModelCache({ model: BASE, size: '10Gi', preloadWith: EmbeddingBackend.INFINITY, loraAdapters: [{ name: 'sql', model: SQL }] },
    { path: 'test/c', name: 'c', namespace: 'ns' });
  const job = podSpec(r.objects.find(o => o.kind === 'Job'));
  expect(job.initContainers.map((c: any) => c.name)).toEqual(['model-download', 'lora-download-0', expect.stringMatching(/preload/)]);
  expect(job.containers.map((c: any) => c.name)).toEqual(['model-complete']);
  expect(r.cache.loraAdapters).toEqual([{ name: 'sql', model: SQL }]);
});
