import { Container, HuggingFaceModel, KubeObject, renderModelCache, renderVllmPredictor, SecretRef, ServingMode, VllmPredictorProps } from '../../src/core';
import { DeliveryKind } from '../../src/core/delivery';
import { MARKER_FILE } from '../../src/core/download';
import { engineArgs, EngineContext } from '../../src/core/engines/engine';
import { KSERVE_HUGGINGFACE_VLLM } from '../../src/core/engines/kserve-huggingface';
import { VLLM } from '../../src/core/engines/vllm';
import { PICKLE_PATTERNS } from '../../src/core/model';
import { IModelCache } from '../../src/core/cache';
import { ownDeliveryFeatures } from '../support/knative';
import { envMap, only, podSpec, servingContainers } from '../support/objects';

const COMMIT = '7ae557604adf67be50417f59c2c2f167def9a775';
const OTHER = '0123456789abcdef0123456789abcdef01234567';
const MODES = [ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT];
const qwen = (o: Parameters<typeof HuggingFaceModel.fromHub>[1] = {}) => HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT, ...o });
const ctx = (name = 'small-llm') => ({ path: `serving/${name}`, name, namespace: 'ml-serving' });
const render = (props: VllmPredictorProps, name?: string) => renderVllmPredictor(props, ctx(name));
const workloadOf = (objects: KubeObject[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment')!;
const allowPolicy = (objects: KubeObject[]) => objects.find(o => o.kind === 'NetworkPolicy' && o.metadata.name.endsWith('-allow')) as any;
/** The opt-in that downloads inside the serving pod (the default is a cache made for the model). */
const IN_POD = { allowServingPodEgressForDownload: true } as const;
/** Env of the download step, wherever it runs (the cache Job made for the model, or the pod's init container). */
const downloadEnv = (objects: KubeObject[]) => {
  const all = objects.flatMap(o => (o.kind === 'Job' ? [podSpec(o)] : o.kind === 'InferenceService' || o.kind === 'Deployment' ? [podSpec(o)] : []))
    .flatMap((s: any) => [...(s.initContainers ?? []), ...(s.containers ?? [])]);
  return envMap(all.find((c: Container) => c.name === 'model-download'));
};
const cacheFor = (model: HuggingFaceModel): IModelCache =>
  renderModelCache({ model, size: '20Gi', hfToken: SecretRef.of('hf-secret', 'token') }, { path: 'serving/qwen-cache', name: 'qwen-cache', namespace: 'ml-serving' }).cache;

/** True if a container could read a Hub token: a token-named env, any secretKeyRef/envFrom, or a secret-looking mount. */
function holdsToken(c: Container, tokenSecret = 'hf-secret'): boolean {
  const env = c.env ?? [];
  return env.some(e => /TOKEN/i.test(e.name) || e.valueFrom?.secretKeyRef?.name === tokenSecret)
    || (c as any).envFrom !== undefined
    || (c.volumeMounts ?? []).some(m => /token|secret/i.test(m.name));
}

describe('no serving container holds a token when a cache or hf:// storage is used', () => {
  test.each(MODES)('cache, mode %s: server, init check and ServiceAccount carry no token', mode => {
    const model = qwen();
    const r = render({ model, cache: cacheFor(model), hfToken: SecretRef.of('hf-secret', 'token'), mode, ...ownDeliveryFeatures(mode) });
    expect(r.delivery.kind).toBe(DeliveryKind.CACHE);
    const w = workloadOf(r.objects);
    for (const c of [...servingContainers(w), ...(podSpec(w).initContainers ?? [])]) expect(holdsToken(c)).toBe(false);
    expect(only(r.objects, 'ServiceAccount').secrets).toBeUndefined();
    expect(JSON.stringify(r.objects)).not.toContain('hf-secret');
  });

  test.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS])('hf:// storage, mode %s: the token reaches only KServe\'s storage initializer through the ServiceAccount', mode => {
    const r = render({ model: qwen(), hfToken: SecretRef.of('hf-token', 'HF_TOKEN'), mode, ...IN_POD });
    expect(r.delivery.kind).toBe(DeliveryKind.KSERVE_STORAGE_INITIALIZER);
    const isvc = only(r.objects, 'InferenceService');
    expect(isvc.spec.predictor.model.storageUri).toBe(`hf://Qwen/Qwen2.5-0.5B-Instruct:${COMMIT}`);
    expect(isvc.spec.predictor.initContainers).toBeUndefined();
    expect(holdsToken(isvc.spec.predictor.model, 'hf-token')).toBe(false);
    expect(only(r.objects, 'ServiceAccount').secrets).toEqual([{ name: 'hf-token' }]);
    expect(isvc.spec.predictor.serviceAccountName).toBe('small-llm');
  });

  test.each(MODES)('own download init container, mode %s: the init container holds the token, the server does not', mode => {
    const r = render({ model: qwen(), hfToken: SecretRef.of('hf-secret', 'token'), mode, ...IN_POD, ...ownDeliveryFeatures(mode) });
    expect(r.delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
    const w = workloadOf(r.objects);
    const [init] = podSpec(w).initContainers;
    expect(envMap(init).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
    for (const c of servingContainers(w)) expect(holdsToken(c)).toBe(false);
  });
});

describe('KServe delivery inside the pod (allowServingPodEgressForDownload)', () => {
  test('a token key other than HF_TOKEN falls back to the library\'s download init container (KServe reads only HF_TOKEN)', () => {
    const r = render({ model: qwen(), hfToken: SecretRef.of('hf-secret', 'token'), ...IN_POD });
    const isvc = only(r.objects, 'InferenceService');
    expect(r.delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
    expect(isvc.spec.predictor.model.storageUri).toBeUndefined();
    expect(only(r.objects, 'ServiceAccount').secrets).toBeUndefined();
    expect(isvc.spec.predictor.initContainers.map((c: Container) => c.name)).toEqual(['model-download']);
  });

  test('a sha256 map falls back to the download init container, which checks every digest before the marker', () => {
    const digest = 'a'.repeat(64);
    const r = render({ model: qwen({ sha256: { 'model.safetensors': digest } }), hfToken: SecretRef.of('hf-token', 'HF_TOKEN'), ...IN_POD });
    expect(r.delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
    const script = only(r.objects, 'InferenceService').spec.predictor.initContainers[0].command[2] as string;
    const lines = script.split('\n');
    const check = lines.findIndex(l => l.includes('sha256sum -c -') && l.includes(`${digest}  model.safetensors`));
    const marker = lines.findIndex(l => l.includes(`> '${MARKER_FILE}'`));
    expect(check).toBeGreaterThan(0);
    expect(marker).toBe(lines.length - 1);
    expect(check).toBeLessThan(marker);
  });

  test('a mirror endpoint falls back to the download init container, which gets HF_ENDPOINT (KServe\'s injected initializer would bypass the mirror)', () => {
    const r = render({ model: qwen({ hubEndpoint: 'https://hf-mirror.internal.example' }), hfToken: SecretRef.of('hf-token', 'HF_TOKEN'), ...IN_POD });
    expect(r.delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
    const isvc = only(r.objects, 'InferenceService');
    expect(isvc.spec.predictor.model.storageUri).toBeUndefined();
    expect(envMap(isvc.spec.predictor.initContainers[0]).HF_ENDPOINT).toBe('https://hf-mirror.internal.example');
  });

  test('no token and no digests: KServe downloads hf:// and the ServiceAccount lists no secret', () => {
    const r = render({ model: qwen(), ...IN_POD });
    expect(only(r.objects, 'InferenceService').spec.predictor.model.storageUri).toBe(`hf://Qwen/Qwen2.5-0.5B-Instruct:${COMMIT}`);
    expect(only(r.objects, 'ServiceAccount').secrets).toBeUndefined();
  });

  test('DEPLOYMENT never uses hf:// (there is no KServe webhook to inject the storage initializer)', () => {
    const r = render({ model: qwen(), hfToken: SecretRef.of('hf-token', 'HF_TOKEN'), mode: ServingMode.DEPLOYMENT, ...IN_POD });
    expect(r.delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
  });
});

describe('offline servers', () => {
  const MOUNTING = [ServingMode.KSERVE, ServingMode.DEPLOYMENT];
  test.each(MODES)('mode %s: a cache-served server has the offline env and DNS-only egress', mode => {
    const model = qwen();
    const r = render({ model, cache: cacheFor(model), mode });
    const env = envMap(servingContainers(workloadOf(r.objects))[0]);
    expect(env.HF_HUB_OFFLINE).toBe('1');
    expect(env.TRANSFORMERS_OFFLINE).toBe('1');
    const egress = allowPolicy(r.objects).spec.egress;
    expect(egress).toHaveLength(1);
    expect(egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  });

  test('KSERVE_SERVERLESS: KServe mounts the cache from storageUri pvc:// (no claim volume or init container for Knative to refuse)', () => {
    const model = qwen();
    const r = render({ model, cache: cacheFor(model), mode: ServingMode.KSERVE_SERVERLESS });
    const p = only(r.objects, 'InferenceService').spec.predictor;
    expect(p.model.storageUri).toBe(`pvc://qwen-cache/Qwen/Qwen2.5-0.5B-Instruct/${COMMIT}`);
    expect(p.initContainers).toBeUndefined();
    expect(p.volumes.some((v: any) => v.persistentVolumeClaim)).toBe(false);
  });

  test.each(MOUNTING)('mode %s: the read-only claim is mounted at the model directory', mode => {
    const model = qwen();
    const r = render({ model, cache: cacheFor(model), mode });
    const w = workloadOf(r.objects);
    expect(podSpec(w).volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'qwen-cache', readOnly: true } });
    expect(servingContainers(w)[0].volumeMounts).toContainEqual({ name: 'model', mountPath: '/mnt/models', subPath: `Qwen/Qwen2.5-0.5B-Instruct/${COMMIT}`, readOnly: true });
  });

  test.each(MOUNTING)('mode %s: the server waits for the marker file the download Job writes last', mode => {
    const model = qwen();
    const r = render({ model, cache: cacheFor(model), mode, ...ownDeliveryFeatures(mode) });
    const [check] = podSpec(workloadOf(r.objects)).initContainers;
    expect(check.name).toBe('model-cache-ready');
    expect(check.command.join(' ')).toContain(`test -f '/mnt/models/${MARKER_FILE}'`);
    expect(check.volumeMounts[0].readOnly).toBe(true);
  });

  test.each(MODES)('mode %s: a server that downloads still runs with the offline env (its weights are local)', mode => {
    const r = render({ model: qwen(), mode, ...IN_POD });
    const env = envMap(servingContainers(workloadOf(r.objects))[0]);
    expect(env.HF_HUB_OFFLINE).toBe('1');
    expect(env.TRANSFORMERS_OFFLINE).toBe('1');
    expect(allowPolicy(r.objects).spec.egress).toHaveLength(2);
  });
});

describe('remote code only with pinned model, code and tokenizer revisions', () => {
  const engineCtx = (model: HuggingFaceModel): EngineContext => ({ name: 'm', model, modelPath: '/mnt/models', gpus: 1, port: 8080, tuning: {} });
  // each engine's own switch and its pin flags, as the engine table must emit them
  const EXPECTED = [
    { engine: VLLM, on: ['--trust-remote-code'], pins: ['--revision', '--code-revision', '--tokenizer-revision'] },
    { engine: KSERVE_HUGGINGFACE_VLLM, on: ['--trust_remote_code'], pins: ['--model_revision', '--tokenizer_revision', '--code-revision'] },
  ];

  test.each(EXPECTED.map(e => [e.engine.id, e] as const))('%s: trustRemoteCode emits the switch and pins every revision to the commit', (_id, e) => {
    const args = engineArgs(e.engine, engineCtx(qwen({ trustRemoteCode: true })));
    for (const flag of e.on) expect(args).toContain(flag);
    for (const pin of e.pins) expect(args).toContain(`${pin}=${COMMIT}`);
  });

  test.each(EXPECTED.map(e => [e.engine.id, e] as const))('%s: without trustRemoteCode there is no switch and nothing to pin', (_id, e) => {
    const args = engineArgs(e.engine, engineCtx(qwen()));
    expect(args.filter(a => /trust.remote.code/.test(a))).toEqual([]);
    expect(args.filter(a => /revision/.test(a))).toEqual([]);
  });

  test.each(MODES)('mode %s: the rendered server gets the switch and the pins; the allow-list adds *.py', mode => {
    const r = render({ model: qwen({ trustRemoteCode: true }), mode, hfToken: SecretRef.of('hf-secret', 'token'), ...ownDeliveryFeatures(mode) });
    const w = workloadOf(r.objects);
    const args = servingContainers(w)[0].args!;
    expect(args.some(a => /^--trust.remote.code$/.test(a))).toBe(true);
    expect(args.filter(a => a.endsWith(`=${COMMIT}`)).length).toBe(3);
    const patterns = JSON.parse(downloadEnv(r.objects).STORAGE_ALLOW_PATTERNS as string);
    expect(patterns).toContain('*.py');
  });
});

describe('safetensors only', () => {
  test.each(MODES)('mode %s: --load-format=safetensors and an allow-list without pickle patterns', mode => {
    const r = render({ model: qwen(), mode, hfToken: SecretRef.of('hf-secret', 'token'), ...ownDeliveryFeatures(mode) });
    const w = workloadOf(r.objects);
    expect(servingContainers(w)[0].args).toContain('--load-format=safetensors');
    const patterns: string[] = JSON.parse(downloadEnv(r.objects).STORAGE_ALLOW_PATTERNS as string);
    expect(patterns).toContain('*.safetensors');
    expect(patterns.filter(p => PICKLE_PATTERNS.includes(p) || /\.(bin|pt|pth|pkl)$/.test(p))).toEqual([]);
    expect(patterns).not.toContain('*.py');
  });

  test.each(MODES)('mode %s: allowPickleWeights drops --load-format and adds the pickle patterns', mode => {
    const r = render({ model: qwen({ allowPickleWeights: true }), mode, hfToken: SecretRef.of('hf-secret', 'token'), ...ownDeliveryFeatures(mode) });
    const w = workloadOf(r.objects);
    expect(servingContainers(w)[0].args!.filter(a => a.startsWith('--load-format'))).toEqual([]);
    const patterns: string[] = JSON.parse(downloadEnv(r.objects).STORAGE_ALLOW_PATTERNS as string);
    for (const p of ['*.bin', '*.pt', '*.pth']) expect(patterns).toContain(p);
  });

  test('the ModelCache Job downloads with the same safetensors-only allow-list', () => {
    const r = renderModelCache({ model: qwen(), size: '20Gi' }, { path: 'serving/qwen-cache', name: 'qwen-cache', namespace: 'ml-serving' });
    const job = only(r.objects, 'Job');
    const patterns: string[] = JSON.parse(envMap(job.spec.template.spec.containers[0]).STORAGE_ALLOW_PATTERNS as string);
    expect(patterns).toEqual(qwen().allowPatterns);
    expect(patterns.some(p => /bin|pt|pkl/.test(p))).toBe(false);
  });
});

describe('errors name the path, field, value and fix', () => {
  const expectError = (fn: () => unknown, ...parts: string[]) => {
    let message = '';
    try { fn(); } catch (e) { message = (e as Error).message; expect((e as Error).name).toBe('ValidationError'); }
    for (const p of parts) expect(message).toContain(p);
  };

  test('trustRemoteCode with an unpinned revision', () => {
    expectError(() => render({ model: qwen({ revision: 'main', allowUnpinnedRevision: true, trustRemoteCode: true }) }),
      'serving/small-llm: model.revision "main" is not a pinned commit', 'trustRemoteCode needs a 40-hex commit id');
  });

  test('a malformed revision (short commit)', () => {
    expectError(() => render({ model: qwen({ revision: '7ae5576' }) }), 'model.revision "7ae5576" is a short or upper-case commit id', 'full 40-character');
  });

  test('a malformed revision (not a branch either)', () => {
    expectError(() => render({ model: qwen({ revision: 'main branch', allowUnpinnedRevision: true }) }),
      'model.revision "main branch" is not a valid branch, tag or commit', 'use a 40-hex commit id');
  });

  test('a malformed sha256', () => {
    expectError(() => render({ model: qwen({ sha256: { 'model.safetensors': 'abc' } }) }),
      'model.sha256["model.safetensors"] "abc" is not a SHA-256 digest', '64 lower-case hex');
  });

  test('a literal token instead of a SecretRef (value redacted)', () => {
    const literal = 'hf_abcdefghijklmnopqrstuvwxyz0123456789';
    expectError(() => render({ model: qwen(), hfToken: literal as unknown as SecretRef }),
      'hfToken <redacted string of 39 characters> is a literal', 'SecretRef.of(secretName, key)');
    try { render({ model: qwen(), hfToken: literal as unknown as SecretRef }); } catch (e) { expect((e as Error).message).not.toContain(literal); }
  });

  test('a literal token in env under a token name', () => {
    expectError(() => render({ model: qwen(), env: { HF_TOKEN: 'hf_x' } }), 'env.HF_TOKEN <redacted string of 4 characters> looks like a secret', 'hfToken/apiKey');
  });

  test('a literal Hub token in env under an innocent name', () => {
    const literal = 'hf_abcdefghijklmnopqrstuvwxyz0123456789';
    expectError(() => render({ model: qwen(), env: { HUB_AUTH: literal } }), 'env.HUB_AUTH <redacted string', 'looks like a Hugging Face token', 'pass them as hfToken/apiKey');
  });

  test('offline mode with the download inside the pod', () => {
    expectError(() => render({ model: qwen(), offline: true, ...IN_POD }),
      'serving/small-llm: offline true contradicts allowServingPodEgressForDownload', 'drop allowServingPodEgressForDownload');
  });

  test('a pickle file in the sha256 map without allowPickleWeights', () => {
    expectError(() => render({ model: qwen({ sha256: { 'pytorch_model.bin': 'b'.repeat(64) } }) }),
      'model.sha256["pytorch_model.bin"] "pytorch_model.bin" is not a file the download allow-list fetches', 'pickle weights need allowPickleWeights: true');
  });

  test('the same pickle file is accepted with allowPickleWeights', () => {
    expect(() => render({ model: qwen({ allowPickleWeights: true, sha256: { 'pytorch_model.bin': 'b'.repeat(64) } }) })).not.toThrow();
  });

  test.each([
    [ServingMode.DEPLOYMENT, '--load-format=pt', 'sets --load-format, which the construct owns', 'use the model (allowPickleWeights) prop'],
    [ServingMode.DEPLOYMENT, '--trust-remote-code', 'sets --trust-remote-code, which the construct owns', 'trustRemoteCode: true'],
    [ServingMode.KSERVE, '--trust_remote_code', 'sets --trust-remote-code, which the construct owns', 'trustRemoteCode: true'],
    [ServingMode.KSERVE, '--code-revision=main', 'sets --code-revision, which the construct owns', 'use the model.revision prop'],
  ])('mode %s: an engine-owned flag in extraArgs (%s)', (mode, arg, problem, fix) => {
    expectError(() => render({ model: qwen(), mode, extraArgs: [arg] }), `extraArgs[0] "${arg}" ${problem}`, fix);
  });

  test('a cache holding a different model', () => {
    const cache = cacheFor(qwen());
    expectError(() => render({ model: qwen({ revision: OTHER }), cache }),
      `cache "Qwen/Qwen2.5-0.5B-Instruct@${COMMIT}" holds a different model`, 'pass model: cache.model');
  });
});
