import { checkManifests, HuggingFaceModel, LlmEngine, SecretRef, ServingMode } from '../../src';
import { LlmPredictorProps, renderLlmPredictor } from '../../src/core/llm-predictor';
import { SGLANG, SGLANG_IMAGES } from '../../src/core/engines/sglang';
import { renderVllmPredictor } from '../../src/core/vllm-predictor';
import { ownDeliveryFeatures } from '../support/knative';
import { envMap, only, podSpec, servingContainers, sharedCache } from '../support/objects';

const COMMIT = '0123456789abcdef0123456789abcdef01234567';
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: COMMIT });
const ctx = { path: 'serving/qwen', name: 'qwen', namespace: 'ml-serving' };
const render = (p: Partial<LlmPredictorProps> = {}) => renderLlmPredictor({ model, engine: LlmEngine.SGLANG, ...p }, ctx);
const workload = (r: ReturnType<typeof render>) => r.objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
const server = (r: ReturnType<typeof render>) => servingContainers(workload(r))[0] as any;
const MODES = [ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT];

describe.each(MODES)('SGLang in %s mode', mode => {
  const r = render({ mode, ...ownDeliveryFeatures(mode) });
  const c = server(r);
  const port = mode === ServingMode.DEPLOYMENT ? 30000 : 8080;

  test('runs the pinned upstream server on the local weights, safetensors only, with metrics', () => {
    expect(c.image).toBe(SGLANG_IMAGES.sglang);
    expect(c.command).toEqual(['python3', '-m', 'sglang.launch_server']);
    expect(c.args).toEqual([
      '--model-path=/mnt/models', '--served-model-name=qwen', '--host=0.0.0.0', `--port=${port}`, '--load-format=safetensors', '--tp-size=1', '--enable-metrics',
    ]);
    expect(c.ports[0].containerPort).toBe(port);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/health', port });
    expect(envMap(c)).toMatchObject({ HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1' });
    expect(r.apiBasePath).toBe('/v1');
  });

  test('is a custom predictor container in the KServe modes, a Deployment otherwise', () => {
    const w = workload(r);
    expect(w.kind).toBe(mode === ServingMode.DEPLOYMENT ? 'Deployment' : 'InferenceService');
    if (w.kind === 'InferenceService') expect(w.spec.predictor.model).toBeUndefined();
    // every mode has a startup probe (Knative accepts them since v1.15)
    expect(c.startupProbe).toBeDefined();
  });

  test('runs hardened, behind default-deny network policies', () => {
    expect(c.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(podSpec(workload(r)).automountServiceAccountToken).toBe(false);
    const deny = only(r.objects, 'NetworkPolicy', 'qwen-default-deny');
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(r.objects.filter(o => o.kind === 'NetworkPolicy').map(o => o.metadata.name)).toContain('qwen-allow');
  });

  test('passes checkManifests without errors', () => {
    const errors = checkManifests(render({ mode, apiKey: SecretRef.of('qwen-key', 'key'), ...ownDeliveryFeatures(mode) }).objects).filter(f => f.severity === 'error');
    expect(errors).toEqual([]);
  });
});

test('the API key reaches SGLang through --api-key, expanded from an env var filled from the Secret', () => {
  const c = server(render({ apiKey: SecretRef.of('qwen-key', 'key') }));
  expect(c.args).toContain('--api-key=$(SGLANG_API_KEY)');
  expect(envMap(c).SGLANG_API_KEY).toEqual({ secretKeyRef: { name: 'qwen-key', key: 'key' } });
  expect(server(render()).args.some((a: string) => a.startsWith('--api-key'))).toBe(false);
});

test('remote code is switched on and pinned only when the model asks for it; sizing props map to SGLang flags', () => {
  const trusted = HuggingFaceModel.fromHub('org/custom', { revision: COMMIT, trustRemoteCode: true });
  const c = server(render({ model: trusted, gpus: 2, maxModelLen: 8192, gpuMemoryUtilization: 0.8 }));
  expect(c.args).toEqual(expect.arrayContaining([
    '--trust-remote-code', `--revision=${COMMIT}`, '--tp-size=2', '--context-length=8192', '--mem-fraction-static=0.8',
  ]));
  expect(server(render()).args).not.toContain('--trust-remote-code');
});

test.each([
  ['--tp-size=2', 'use the gpus prop instead'],
  ['--context-length=4096', 'use the maxModelLen prop instead'],
  ['--load-format=pt', 'use the model (allowPickleWeights) prop instead'],
  ['--api-key=literal', 'pass credentials as SecretRef props (apiKey, hfToken)'],
  ['--dtype=half', 'use the engineOptions.dtype prop instead'],
  ['--max-running-requests=8', 'use the engineOptions.maxNumSeqs prop instead'],
  ['--context-len=4096', 'use the maxModelLen prop instead'],
  ['--config=/tmp/args.yaml', 'remove it'],
])('extraArgs %s is refused: %s', (arg, fix) => {
  expect(() => render({ extraArgs: [arg] })).toThrow(fix);
});

test('engine defaults to vLLM and then renders exactly what VllmPredictor renders, in every mode', () => {
  for (const mode of MODES) {
    const llm = renderLlmPredictor({ model, mode }, ctx).objects;
    expect(llm).toEqual(renderVllmPredictor({ model, mode }, ctx).objects);
    expect(renderLlmPredictor({ model, mode, engine: LlmEngine.VLLM }, ctx).objects).toEqual(llm);
  }
});

test('an unknown engine is a ValidationError naming the choices', () => {
  expect(() => render({ engine: 'TGI' as LlmEngine })).toThrow('serving/qwen: engine "TGI" is not an LlmEngine; use one of LlmEngine.VLLM, LlmEngine.SGLANG');
});

test('engine options map to SGLang flags; those SGLang does not take from the library are refused', () => {
  const c = server(render({ engineOptions: { dtype: 'bfloat16', quantization: 'fp8', maxNumSeqs: 64, maxModelLen: 4096 } }));
  expect(c.args).toEqual(expect.arrayContaining(['--dtype=bfloat16', '--quantization=fp8', '--max-running-requests=64', '--context-length=4096']));
  expect(() => render({ engineOptions: { enablePrefixCaching: false } }))
    .toThrow('serving/qwen: engineOptions.enablePrefixCaching false has no SGLANG flag this library sets');
  expect(() => render({ engineOptions: { chatTemplate: { name: 'tpl', key: 'chat.jinja' } } })).toThrow('engineOptions.chatTemplate');
  expect(() => renderLlmPredictor({ model, engineOptions: { enablePrefixCaching: false } }, ctx)).not.toThrow();
});

test('SGLang declares its metrics: the queue gauge is the default autoscaling signal', () => {
  expect(SGLANG.metrics?.queue).toBe('sglang:num_queue_reqs');
  expect(SGLANG.metrics?.scaling['sglang:num_queue_reqs']).toBe(5);
  for (const mode of [ServingMode.KSERVE, ServingMode.DEPLOYMENT]) {
    const scaled = render({ mode, cache: sharedCache(model), autoscaling: { minReplicas: 1, maxReplicas: 3 }, monitoring: { namespace: 'monitoring' } }).objects;
    expect(JSON.stringify(scaled)).toContain('sum(sglang:num_queue_reqs{');
  }
  expect(() => render({ autoscaling: { minReplicas: 1, maxReplicas: 3, metric: 'vllm:num_requests_waiting' }, monitoring: { namespace: 'm' } }))
    .toThrow('is not a metric the sglang engine exports');
});
