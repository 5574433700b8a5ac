import { blockingFindings, HuggingFaceModel, KnativeFeature, LlmEngine, LlmPredictor, ModelCache, policyReport, SecretRef, ServingMode, VllmPredictor } from '../../src';
import { VLLM_LORA_FLAGS, VLLM_OWNED_FLAGS } from '../../src/core/engines/vllm';
import { LORA_ADAPTER_STORAGE, LORA_DIR, planLoraAdapters } from '../../src/core/lora-adapters';
import { HTTPS_EGRESS } from '../../src/core/network';
import { envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const BASE = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
const SQL = HuggingFaceModel.fromHub('acme/qwen2.5-0.5b-sql-lora', { revision: '1111111111111111111111111111111111111111' });
const SUPPORT = HuggingFaceModel.fromHub('acme/qwen2.5-0.5b-support-lora', { revision: '2222222222222222222222222222222222222222' });
const adapters = [{ name: 'sql', model: SQL }, { name: 'support', model: SUPPORT }];
const workload = (objects: any[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('loraAdapters, %s', mode => {
  const chart = testChart();
  const features = mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] } : {};
  new VllmPredictor(chart, 'chat', { model: BASE, mode, loraAdapters: adapters, allowServingPodEgressForDownload: true, hfToken: SecretRef.of('hf', 'HF_TOKEN'), ...features });
  const objects = synth(chart);
  const w = workload(objects);
  const server = servingContainers(w)[0];
  const inits = podSpec(w).initContainers as any[];

  test('served under their names: --enable-lora and one --lora-modules list of name=path', () => {
    const args = server.args!;
    const i = args.indexOf('--lora-modules');
    expect(args).toContain('--enable-lora');
    expect(args.slice(i, i + 3)).toEqual(['--lora-modules', `sql=${LORA_DIR}/sql`, `support=${LORA_DIR}/support`]);
    expect(args.filter(a => a.startsWith('--lora-modules'))).toHaveLength(1);
  });

  test('each adapter is downloaded pinned, safetensors only, by its own step holding the token; the server gets it read-only, offline', () => {
    const steps = inits.filter(c => c.name.startsWith('lora-download-'));
    expect(steps.map(c => c.name)).toEqual(['lora-download-0', 'lora-download-1']);
    const script = steps[0].command!.join(' ');
    expect(script).toContain(`'hf://acme/qwen2.5-0.5b-sql-lora:1111111111111111111111111111111111111111' '${LORA_DIR}/sql'`);
    expect(JSON.parse(envMap(steps[0]).STORAGE_ALLOW_PATTERNS as string)).not.toContain('*.bin');
    expect(envMap(steps[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf', key: 'HF_TOKEN' } });
    expect(server.volumeMounts).toContainEqual({ name: 'lora-0', mountPath: `${LORA_DIR}/sql`, readOnly: true });
    expect(podSpec(w).volumes).toContainEqual({ name: 'lora-1', emptyDir: { sizeLimit: LORA_ADAPTER_STORAGE } });
    const env = envMap(server);
    expect(env.HF_TOKEN).toBeUndefined();
    expect(env.HF_HUB_OFFLINE).toBe('1');
    expect(env.VLLM_ALLOW_RUNTIME_LORA_UPDATING).toBeUndefined();
  });

  test('checkManifests finds no error', () => {
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
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
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, loraAdapters: adapters, allowServingPodEgressForDownload: true, env: { VLLM_ALLOW_RUNTIME_LORA_UPDATING: 'True' } }))
    .toThrow(/VLLM_ALLOW_RUNTIME_LORA_UPDATING/);
});

test('with a cache the pod is offline by default, so downloading adapters there is refused; offline: false allows it with HTTPS egress', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: BASE, size: '5Gi' });
  expect(() => new VllmPredictor(chart, 'chat', { model: cache.model, cache, loraAdapters: adapters, allowServingPodEgressForDownload: true })).toThrow(/offline: false/);
  new VllmPredictor(chart, 'chat2', { model: cache.model, cache, offline: false, loraAdapters: adapters, allowServingPodEgressForDownload: true, mode: ServingMode.DEPLOYMENT });
  const objects = synth(chart);
  expect(only(objects, 'NetworkPolicy', 'chat2-allow').spec.egress).toContainEqual(HTTPS_EGRESS);
});

test('serverless without Knative\'s init-containers feature: refused, naming the feature and the other modes', () => {
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, mode: ServingMode.KSERVE_SERVERLESS, loraAdapters: adapters, allowServingPodEgressForDownload: true }))
    .toThrow(/loraAdapters .*kubernetes.podspec-init-containers.*ServingMode.DEPLOYMENT/s);
});

const P = { path: 'test/chat', servedName: 'chat', offline: false, security: {}, servingPodEgress: true };
test.each([
  [[], 'is empty'],
  [[{ name: 'chat', model: SQL }], 'is the name the base model is served under'],
  [[{ name: 'sql', model: SQL }, { name: 'sql', model: SUPPORT }], 'is given twice'],
  [[{ name: 'a=b', model: SQL }], 'is not an adapter name'],
  [[{ name: 'sql', model: 'acme/sql' }], 'is not a HuggingFaceModel'],
  [[{ name: 'sql', model: HuggingFaceModel.fromHub('acme/sql', { revision: 'main' }) }], 'loraAdapters[0].model.revision'],
  [[{ name: 'sql', model: HuggingFaceModel.fromHub('acme/sql', { revision: '1'.repeat(40), allowPickleWeights: true }) }], 'pickle'],
  [[{ name: 'sql', model: HuggingFaceModel.fromImage(`registry.example/sql@sha256:${'a'.repeat(64)}`) }], 'is not downloadable'],
  ['sql', 'loraAdapters'],
])('refuses %j', (list, message) => {
  expect(() => planLoraAdapters(list, P)).toThrow(message);
});

test('LlmPredictor: adapters with vLLM; refused with SGLang (its adapter flags are not mapped), naming the way out', () => {
  const chart = testChart();
  new LlmPredictor(chart, 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT, loraAdapters: adapters, allowServingPodEgressForDownload: true });
  expect(servingContainers(workload(synth(chart)))[0].args).toContain('--enable-lora');
  expect(() => new LlmPredictor(testChart(), 'chat', { model: BASE, engine: LlmEngine.SGLANG, loraAdapters: adapters, allowServingPodEgressForDownload: true }))
    .toThrow(/loraAdapters .*are not mapped to LlmEngine.SGLANG flags.*LlmEngine.VLLM/s);
});

test('defaults: each adapter gets a 4Gi emptyDir at /mnt/lora/<name>; at most 16 adapters', () => {
  expect(LORA_ADAPTER_STORAGE).toBe('4Gi');
  expect(LORA_DIR).toBe('/mnt/lora');
  const many = Array.from({ length: 17 }, (_, n) => ({ name: `a${n}`, model: SQL }));
  expect(() => planLoraAdapters(many, P)).toThrow(/more than 16 adapters/);
});

test('adapters download in the serving pod, so they need allowServingPodEgressForDownload, named with the way out', () => {
  expect(() => new VllmPredictor(testChart(), 'chat', { model: BASE, mode: ServingMode.DEPLOYMENT, loraAdapters: adapters }))
    .toThrow(/loraAdapters .*would be downloaded in the serving pod.*allowServingPodEgressForDownload: true/s);
  expect(() => planLoraAdapters([{ name: 'sql', model: SQL }], { ...P, servingPodEgress: false })).toThrow(/HTTPS egress/);
});
