import { ApiObject } from 'cdk8s';
import { HuggingFaceModel, SecretRef, ServingMode, ValidationError, VllmPredictor } from '../../src';
import { VllmPredictorProps } from '../../src/cdk8s/vllm-predictor';
import { envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const FALCON = '9cbb1610be271fd06576e7e00f60e75612d53a4d';
const model = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: FALCON });
const remote = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: FALCON, trustRemoteCode: true });

function build(props: Partial<VllmPredictorProps>, id = 'falcon-7b') {
  const chart = testChart();
  const p = new VllmPredictor(chart, id, { model, gpus: 1, ...props } as VllmPredictorProps);
  return { p, objects: synth(chart) };
}

describe('KSERVE mode (default)', () => {
  const { p, objects } = build({ model: remote });
  const isvc = only(objects, 'InferenceService', 'falcon-7b');
  const c = isvc.spec.predictor.model;

  test('is an InferenceService on the Hugging Face runtime with the vLLM backend, Standard mode always annotated', () => {
    expect(isvc.apiVersion).toBe('serving.kserve.io/v1beta1');
    expect(isvc.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Standard');
    expect(c.modelFormat).toEqual({ name: 'huggingface' });
    expect(c.runtime).toBe('kserve-huggingfaceserver');
    expect(c.args).toEqual(expect.arrayContaining(['--model_name=falcon-7b', '--model_dir=/mnt/models', '--backend=vllm']));
  });

  test('vLLM flags are spelled with dashes', () => {
    const vllmFlags = c.args.filter((a: string) => /^--(code|load|tensor|max-model|gpu)/.test(a));
    expect(vllmFlags.length).toBeGreaterThan(0);
    expect(vllmFlags.every((a: string) => !a.split('=')[0].includes('_'))).toBe(true);
  });

  test('remote code is on only because the model opted in, pinned for model, code and tokenizer', () => {
    // the runtime chooses its backend from a first parse that only knows its own --trust_remote_code
    expect(c.args).toEqual(expect.arrayContaining([
      '--trust_remote_code', `--model_revision=${FALCON}`, `--tokenizer_revision=${FALCON}`, `--code-revision=${FALCON}`, '--load-format=safetensors',
    ]));
  });

  test('weights come from a ModelCache made for the model, mounted read-only after its marker check; nothing downloads in the pod', () => {
    expect(c.storageUri).toBeUndefined();
    expect(isvc.spec.predictor.volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'falcon-7b-model', readOnly: true } });
    expect(isvc.spec.predictor.initContainers.map((x: any) => x.name)).toEqual(['model-cache-ready']);
    expect(only(objects, 'Job', 'falcon-7b-model-download').spec.template.spec.containers[0].name).toBe('model-download');
  });

  test('with allowServingPodEgressForDownload, weights come from hf://owner/name:<commit> through KServe\'s storage initializer', () => {
    const optIn = build({ model, allowServingPodEgressForDownload: true }).objects;
    expect(only(optIn, 'InferenceService').spec.predictor.model.storageUri).toBe(`hf://tiiuae/falcon-7b-instruct:${FALCON}`);
  });

  test('tensor parallel size is derived from gpus', () => {
    expect(c.args).toContain('--tensor-parallel-size=1');
    const four = build({ gpus: 4 }).objects;
    expect(only(four, 'InferenceService').spec.predictor.model.args).toContain('--tensor-parallel-size=4');
    expect(only(four, 'InferenceService').spec.predictor.model.resources.limits['nvidia.com/gpu']).toBe(4);
  });

  test('outputs the predictor URL and the OpenAI base path', () => {
    expect(p.url).toBe('http://falcon-7b-predictor.ml-serving.svc.cluster.local');
    expect(p.apiBasePath).toBe('/openai/v1');
  });

  test('the InferenceService is the primary child (id Resource)', () => {
    expect(ApiObject.of(p).kind).toBe('InferenceService');
  });
});

test('KSERVE_SERVERLESS annotates Knative and raises the progress deadline (startup, rollout margin, and the cache download made for the model)', () => {
  const isvc = only(build({ mode: ServingMode.KSERVE_SERVERLESS }).objects, 'InferenceService');
  expect(isvc.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Knative');
  expect(isvc.spec.predictor.annotations['serving.knative.dev/progress-deadline']).toBe('9600s');
  const optIn = only(build({ mode: ServingMode.KSERVE_SERVERLESS, allowServingPodEgressForDownload: true }).objects, 'InferenceService');
  expect(optIn.spec.predictor.annotations['serving.knative.dev/progress-deadline']).toBe('2400s');
});

describe('DEPLOYMENT mode', () => {
  const { p, objects } = build({ mode: ServingMode.DEPLOYMENT, maxModelLen: 8192, gpuMemoryUtilization: 0.85 });
  const d = only(objects, 'Deployment', 'falcon-7b');
  const c = podSpec(d).containers[0];

  test('ServiceAccount, Deployment and ClusterIP Service, no KServe', () => {
    expect(objects.map(o => o.kind)).toEqual(['ServiceAccount', 'Deployment', 'Service', 'PodDisruptionBudget', 'NetworkPolicy', 'NetworkPolicy',
      // the ModelCache made for the model
      'PersistentVolumeClaim', 'ServiceAccount', 'Job', 'NetworkPolicy', 'NetworkPolicy']);
    const svc = only(objects, 'Service', 'falcon-7b');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.selector).toEqual(d.spec.selector.matchLabels);
    expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
  });

  test('runs the upstream vLLM OpenAI server at a pinned tag on the local weights', () => {
    expect(c.image).toBe('vllm/vllm-openai:v0.28.0');
    expect(c.command).toEqual(['vllm', 'serve']);
    expect(c.args.slice(0, 4)).toEqual(['/mnt/models', '--served-model-name=falcon-7b', '--host=0.0.0.0', '--port=8000']);
    expect(c.args).toEqual(expect.arrayContaining(['--load-format=safetensors', '--tensor-parallel-size=1', '--max-model-len=8192', '--gpu-memory-utilization=0.85']));
    expect(c.args).not.toContain('--trust-remote-code');
    expect(c.ports).toEqual([{ name: 'http', containerPort: 8000, protocol: 'TCP' }]);
    expect(c.volumeMounts).toContainEqual({ name: 'model', mountPath: '/mnt/models', subPath: `tiiuae/falcon-7b-instruct/${FALCON}`, readOnly: true });
  });

  test('a hardened cache Job downloads the pinned revision; the server is offline', () => {
    const init = only(objects, 'Job', 'falcon-7b-model-download').spec.template.spec.containers[0];
    expect(init.name).toBe('model-download');
    expect(init.command[2]).toContain(`'hf://tiiuae/falcon-7b-instruct:${FALCON}' '/mnt/models'`);
    expect(envMap(c)).toMatchObject({ HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1' });
  });

  test('GPU rollouts never surge', () => {
    expect(d.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  });

  test('probes use vLLM\'s /health on the serving port', () => {
    expect(c.startupProbe?.httpGet).toEqual({ path: '/health', port: 8000 });
    expect(c.readinessProbe?.httpGet).toEqual({ path: '/health', port: 8000 });
  });

  test('outputs the Service URL and /v1', () => {
    expect(p.url).toBe('http://falcon-7b.ml-serving.svc.cluster.local');
    expect(p.apiBasePath).toBe('/v1');
  });
});

describe('secrets by reference', () => {
  test('apiKey reaches the server as VLLM_API_KEY from a secretKeyRef; KServe modes then run upstream vLLM as the predictor container', () => {
    const { p, objects } = build({ apiKey: SecretRef.of('llm-api-key', 'key') });
    const isvc = only(objects, 'InferenceService');
    expect(isvc.spec.predictor.model).toBeUndefined();
    const c = isvc.spec.predictor.containers[0];
    expect(c.image).toBe('vllm/vllm-openai:v0.28.0');
    expect(envMap(c).VLLM_API_KEY).toEqual({ secretKeyRef: { name: 'llm-api-key', key: 'key' } });
    expect(c.args).toContain('--port=8080');
    expect(p.apiBasePath).toBe('/v1');
  });

  test('by default the hfToken reaches only the download Job of the cache made for the model', () => {
    const { objects } = build({ hfToken: SecretRef.of('hf-secret', 'HF_TOKEN') });
    expect(only(objects, 'ServiceAccount', 'falcon-7b').secrets).toBeUndefined();
    expect(envMap(only(objects, 'Job').spec.template.spec.containers[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'HF_TOKEN' } });
    const workload = objects.filter(o => o.kind !== 'Job');
    expect(JSON.stringify(workload)).not.toContain('"secretKeyRef":{"key":"HF_TOKEN"');
  });

  test('with the in-pod opt-in, an hfToken under key HF_TOKEN is listed on the ServiceAccount for KServe; the model container never sees it', () => {
    const { objects } = build({ hfToken: SecretRef.of('hf-secret', 'HF_TOKEN'), allowServingPodEgressForDownload: true });
    expect(only(objects, 'ServiceAccount').secrets).toEqual([{ name: 'hf-secret' }]);
    expect(JSON.stringify(servingContainers(only(objects, 'InferenceService')))).not.toContain('hf-secret');
  });

  test('an hfToken under another key goes to the download init container only', () => {
    const { objects } = build({ hfToken: SecretRef.of('hf-secret', 'token'), allowServingPodEgressForDownload: true });
    const isvc = only(objects, 'InferenceService');
    expect(isvc.spec.predictor.model.storageUri).toBeUndefined();
    expect(envMap(podSpec(isvc).initContainers[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
    expect(JSON.stringify(servingContainers(isvc))).not.toContain('hf-secret');
  });
});

describe('bad input throws a ValidationError naming the field, the value and the fix', () => {
  const cases: [string, Partial<VllmPredictorProps>, RegExp][] = [
    ['a model id with ..', { model: HuggingFaceModel.fromHub('acme/../etc', { revision: FALCON }) }, /^test\/falcon-7b: model\.id "acme\/\.\.\/etc" is not a valid Hub model id; use the Hub id "owner\/name"/],
    ['a model id with a leading /', { model: HuggingFaceModel.fromHub('/acme/llm', { revision: FALCON }) }, /model\.id "\/acme\/llm" is not a valid Hub model id; use the Hub id/],
    ['gpus: 0', { gpus: 0 }, /^test\/falcon-7b: gpus 0 is not a valid GPU count; VllmPredictor needs at least 1 whole GPU/],
    ['gpus: 1.5', { gpus: 1.5 }, /gpus 1\.5 is not a valid GPU count; .*integer/],
    ['a latest image', { image: 'vllm/vllm-openai:latest' }, /image "vllm\/vllm-openai:latest" is not a pinned image; give a release tag or digest/],
    ['an untagged image', { image: 'vllm/vllm-openai' }, /image "vllm\/vllm-openai" is not a pinned image/],
    ['a literal hfToken', { hfToken: 'hf_abcdefghijklmnop' as unknown as SecretRef }, /hfToken <redacted string of 19 characters> is a literal; .*SecretRef\.of\(secretName, key\)/],
    ['a literal apiKey', { apiKey: 'sk-123' as unknown as SecretRef }, /apiKey <redacted string of 6 characters> is a literal/],
    ['a token literal in env', { env: { HF_TOKEN: 'hf_x' } }, /env\.HF_TOKEN <redacted string of 4 characters> looks like a secret given as a literal; pass tokens as hfToken\/apiKey/],
    ['--trust-remote-code smuggled through extraArgs', { extraArgs: ['--trust-remote-code'] }, /extraArgs\[0\] "--trust-remote-code" sets --trust-remote-code, which the construct owns; use the model \(HuggingFaceModel\.fromHub\(id, \{ trustRemoteCode: true, revision \}\)\) prop instead/],
    ['--trust_remote_code spelled with underscores', { extraArgs: ['--trust_remote_code'] }, /extraArgs\[0\] "--trust_remote_code" sets --trust-remote-code, which the construct owns/],
    ['--load-format=pt', { extraArgs: ['--load-format=pt'] }, /extraArgs\[0\] "--load-format=pt" sets --load-format, which the construct owns; use the model \(allowPickleWeights\) prop/],
    ['an underscore vLLM flag on KServe', { extraArgs: ['--max_num_batched_tokens=8'] }, /extraArgs\[0\] "--max_num_batched_tokens=8" is spelled with "_" and would be dropped silently by the KServe runtime; spell it with dashes: "--max-num-batched-tokens=8"/],
    ['an unpinned revision', { model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: 'main' }) }, /model\.revision "main" is not a pinned commit; use a 40-hex commit id, or set allowUnpinnedRevision: true/],
    ['remote code with an unpinned revision', { model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: 'main', trustRemoteCode: true, allowUnpinnedRevision: true }) }, /^test\/falcon-7b: model\.revision "main" is not a pinned commit; trustRemoteCode needs a 40-hex commit id \(see the model's commit history on the Hub\)$/],
    ['a missing revision', { model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct') }, /model\.revision \(unset\) is missing; pin the model to a 40-hex commit id/],
    ['a short commit', { model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '8c2ed5a' }) }, /model\.revision "8c2ed5a" is a short or upper-case commit id; use the full 40-character/],
    ['replicas: 0', { replicas: 0 }, /replicas 0 is not a whole number ≥ 1/],
    ['a bad memory quantity', { resources: { memory: 'lots' } }, /resources\.memory "lots" is not a positive Kubernetes quantity; write it like "32Gi"/],
    ['/dev/shm larger than memory', { resources: { memory: '4Gi', shmSize: '8Gi' } }, /resources\.shmSize "8Gi" exceeds the memory limit 4Gi/],
    ['runAsUser: 0', { runAsUser: 0 }, /runAsUser 0 must be a positive integer \(root is never allowed\)/],
    ['an unsafe env switch', { env: { VLLM_SERVER_DEV_MODE: '1' } }, /env\.VLLM_SERVER_DEV_MODE "1" is refused because it exposes vLLM development endpoints/],
    ['an env name the construct sets', { env: { HF_HUB_OFFLINE: '0' } }, /env\.HF_HUB_OFFLINE "0" is set by the construct/],
    ['maxModelLen not an integer', { maxModelLen: 1.5 }, /maxModelLen 1\.5 is not a positive integer/],
    ['gpuMemoryUtilization above 1', { gpuMemoryUtilization: 1.2 }, /gpuMemoryUtilization 1\.2 is not in \(0, 1\]/],
    ['an unknown mode', { mode: 'SERVERLESS' as ServingMode }, /mode "SERVERLESS" is not a ServingMode; use one of ServingMode\.KSERVE/],
  ];
  test.each(cases)('%s', (_name, props, message) => {
    let caught: unknown;
    try { build(props); } catch (e) { caught = e; }
    expect(ValidationError.isValidationError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(message);
  });

  test('an invalid construct name', () => {
    expect(() => build({}, 'Falcon_7B')).toThrow(/name "Falcon_7B" is not a DNS-1035 label/);
  });

  test('a chart without a namespace', () => {
    const { Testing, Chart } = jest.requireActual('cdk8s');
    const chart = new Chart(Testing.app(), 'nons');
    expect(() => new VllmPredictor(chart, 'x', { model, gpus: 1 })).toThrow(/^nons\/x: namespace \(unset\) is not set; give the Chart a namespace/);
  });

  test('the default namespace', () => {
    expect(() => new VllmPredictor(testChart('default'), 'x', { model, gpus: 1 })).toThrow(/namespace "default" is not a dedicated namespace/);
  });
});
