import { EmbeddingBackend, HuggingFaceModel, IMAGES, SecretRef, ServingMode } from '../../src';
import { HuggingFaceEmbeddingServiceProps, renderEmbeddingService } from '../../src/core/embedding-service';
import { ownDeliveryFeatures } from '../support/knative';
import { envMap, only, servingContainers, sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ctx = { path: 'serving/embedding', name: 'embedding', namespace: 'ml-serving' };
const render = (p: Partial<HuggingFaceEmbeddingServiceProps> = {}) => renderEmbeddingService({ model, ...p }, ctx);
const workload = (r: ReturnType<typeof render>) => r.objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
const server = (r: ReturnType<typeof render>) => servingContainers(workload(r))[0] as any;

/** Each backend's documented interface: command, model/listen args, port, ready route, OpenAI path. */
const INTERFACE = {
  [EmbeddingBackend.KSERVE]: {
    command: undefined,
    args: ['--model_name=embedding', '--model_dir=/mnt/models', '--backend=huggingface', '--task=text_embedding', '--disable_log_requests'],
    deploymentPort: 8080, ready: '/v1/models/embedding', live: '/', openai: '/openai/v1/embeddings',
    native: { v1Predict: '/v1/models/embedding:predict', v2Infer: '/v2/models/embedding/infer' },
  },
  [EmbeddingBackend.TEI]: {
    command: undefined,
    args: (port: number) => ['--model-id=/mnt/models', '--served-model-name=embedding', '--hostname=0.0.0.0', `--port=${port}`],
    deploymentPort: 3000, ready: '/health', live: '/health', openai: '/v1/embeddings', native: { embed: '/embed' },
  },
  [EmbeddingBackend.INFINITY]: {
    command: ['infinity_emb', 'v2'],
    args: (port: number) => ['--model-id=/mnt/models', '--served-model-name=embedding', '--engine=torch', '--device=cpu',
      '--host=0.0.0.0', `--port=${port}`, '--url-prefix=/v1', '--no-trust-remote-code'],
    deploymentPort: 7997, ready: '/health', live: '/health', openai: '/v1/embeddings', native: {},
  },
  [EmbeddingBackend.VLLM]: {
    command: ['vllm', 'serve'],
    args: (port: number) => ['/mnt/models', '--served-model-name=embedding', '--host=0.0.0.0', `--port=${port}`, '--load-format=safetensors',
      '--tensor-parallel-size=1', '--runner=pooling', '--convert=embed'],
    deploymentPort: 8000, ready: '/health', live: '/health', openai: '/v1/embeddings', native: {},
  },
};

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('mode %s', mode => {
  test.each(Object.values(EmbeddingBackend))('backend %s: command, args, port, probes and endpoints follow the engine', backend => {
    const spec = INTERFACE[backend];
    const gpus = backend === EmbeddingBackend.VLLM ? 1 : undefined;
    const r = render({ backend, mode, gpus, ...ownDeliveryFeatures(mode) });
    const c = server(r);
    const port = mode === ServingMode.DEPLOYMENT ? spec.deploymentPort : 8080;
    const args = typeof spec.args === 'function' ? spec.args(port) : spec.args;
    expect(c.command).toEqual(spec.command);
    expect(c.args.slice(0, args.length).sort()).toEqual([...args].sort());
    expect(c.ports).toEqual([{ name: mode === ServingMode.DEPLOYMENT ? 'http' : 'http1', containerPort: port, protocol: 'TCP' }]);
    expect(c.readinessProbe.httpGet).toEqual({ path: spec.ready, port });
    expect(c.livenessProbe.httpGet).toEqual({ path: spec.live, port });
    expect(c.startupProbe.httpGet).toEqual({ path: spec.ready, port });
    const host = mode === ServingMode.DEPLOYMENT ? 'embedding' : 'embedding-predictor';
    expect(r.endpoints).toEqual({
      url: `http://${host}.ml-serving.svc.cluster.local`,
      openaiEmbeddings: spec.openai,
      ...spec.native,
      health: spec.ready,
      metrics: '/metrics',
    });
    const env = envMap(c);
    expect(env).toMatchObject({ HF_HUB_OFFLINE: '1', HF_HUB_DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1' });
  });
});

test('KServe modes: the KSERVE backend is the KServe Hugging Face runtime; TEI, Infinity and vLLM are custom predictor containers', () => {
  const kserve = workload(render({}));
  expect(kserve.spec.predictor.model.modelFormat).toEqual({ name: 'huggingface' });
  expect(kserve.spec.predictor.model.runtime).toBe('kserve-huggingfaceserver');
  expect(kserve.spec.predictor.model.storageUri).toBeUndefined();
  expect(workload(render({ allowServingPodEgressForDownload: true })).spec.predictor.model.storageUri)
    .toBe('hf://thenlper/gte-base:5e95d41db6721e7cbd5006e99c7508f0083223d6');
  for (const [backend, image] of [[EmbeddingBackend.TEI, IMAGES.tei], [EmbeddingBackend.INFINITY, IMAGES.infinityCpu]] as const) {
    const isvc = workload(render({ backend }));
    expect(isvc.spec.predictor.model).toBeUndefined();
    expect(isvc.spec.predictor.containers.map((c: any) => [c.name, c.image])).toEqual([['kserve-container', image]]);
  }
});

describe('defaults', () => {
  test('backend KSERVE, CPU only, 2 CPU and 8Gi (the gte-base sizing)', () => {
    const c = server(render());
    expect(c.resources.requests).toMatchObject({ cpu: '2', memory: '8Gi' });
    expect(c.resources.limits).toMatchObject({ cpu: '2', memory: '8Gi' });
    expect(Object.keys(c.resources.limits)).not.toContain('nvidia.com/gpu');
    expect(workload(render()).spec.predictor.model.runtimeVersion).toBe('v0.20.0');
  });

  test('rollouts never mix two models: Recreate in DEPLOYMENT, deploymentStrategy Recreate in KServe Standard', () => {
    expect(only(render({ mode: ServingMode.DEPLOYMENT }).objects, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
    expect(workload(render()).spec.predictor.deploymentStrategy).toEqual({ type: 'Recreate' });
    // Knative switches traffic to a ready revision at once and refuses deploymentStrategy
    expect(workload(render({ mode: ServingMode.KSERVE_SERVERLESS })).spec.predictor.deploymentStrategy).toBeUndefined();
  });

  test('rollingUpdate: true relaxes it', () => {
    expect(only(render({ mode: ServingMode.DEPLOYMENT, rollingUpdate: true }).objects, 'Deployment').spec.strategy.type).toBe('RollingUpdate');
    // KServe's default rollout on a shared cache; without surge on the one-node cache made for the model
    expect(workload(render({ rollingUpdate: true, cache: sharedCache(model) })).spec.predictor.deploymentStrategy).toBeUndefined();
    expect(workload(render({ rollingUpdate: true })).spec.predictor.deploymentStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  });

  test('Infinity refuses repository code unless the model opts in (its own default is true)', () => {
    expect(server(render({ backend: EmbeddingBackend.INFINITY })).args).toContain('--no-trust-remote-code');
    const trusted = HuggingFaceModel.fromHub('nomic-ai/nomic-embed-text-v1.5', { revision: 'a'.repeat(40), trustRemoteCode: true });
    const args = server(render({ backend: EmbeddingBackend.INFINITY, model: trusted })).args;
    expect(args).toContain('--trust-remote-code');
    expect(args).not.toContain('--no-trust-remote-code');
  });

  test('KSERVE backend spells remote code and pins as the runtime does', () => {
    const trusted = HuggingFaceModel.fromHub('nomic-ai/nomic-embed-text-v1.5', { revision: 'a'.repeat(40), trustRemoteCode: true });
    expect(server(render({ model: trusted })).args).toEqual(expect.arrayContaining(['--trust_remote_code', `--model_revision=${'a'.repeat(40)}`, `--tokenizer_revision=${'a'.repeat(40)}`]));
  });
});

test('GPUs on request: GPU images and the GPU resource', () => {
  const tei = server(render({ backend: EmbeddingBackend.TEI, gpus: 1, mode: ServingMode.DEPLOYMENT }));
  expect(tei.image).toBe(IMAGES.teiGpu);
  expect(tei.resources.limits['nvidia.com/gpu']).toBe(1);
  expect(server(render({ backend: EmbeddingBackend.INFINITY, gpus: 1, mode: ServingMode.DEPLOYMENT })).image).toBe(IMAGES.infinity);
  expect(server(render({ backend: EmbeddingBackend.INFINITY, gpus: 1, mode: ServingMode.DEPLOYMENT })).args).toContain('--device=cuda');
  expect(workload(render({ gpus: 1 })).spec.predictor.model.runtimeVersion).toBe('v0.20.0-gpu');
});

describe('engine environment', () => {
  const key = SecretRef.of('embedding-api-key', 'key');
  const ref = { secretKeyRef: { name: 'embedding-api-key', key: 'key' } };

  test('TEI: API_KEY by reference and LOG_LEVEL=warn, since TEI logs its args (key included) at INFO', () => {
    const env = envMap(server(render({ backend: EmbeddingBackend.TEI, apiKey: key })));
    expect(env.API_KEY).toEqual(ref);
    expect(env.LOG_LEVEL).toBe('warn');
  });

  test('Infinity: INFINITY_API_KEY by reference and anonymous usage stats off', () => {
    const env = envMap(server(render({ backend: EmbeddingBackend.INFINITY, apiKey: key })));
    expect(env.INFINITY_API_KEY).toEqual(ref);
    expect(env.INFINITY_ANONYMOUS_USAGE_STATS).toBe('0');
  });

  test('vLLM: VLLM_API_KEY by reference and usage stats off', () => {
    const env = envMap(server(render({ backend: EmbeddingBackend.VLLM, gpus: 1, apiKey: key })));
    expect(env.VLLM_API_KEY).toEqual(ref);
    expect(env.VLLM_NO_USAGE_STATS).toBe('1');
  });

  test('backend options reach their flags', () => {
    expect(server(render({ backend: EmbeddingBackend.TEI, pooling: 'cls' })).args).toContain('--pooling=cls');
    expect(server(render({ backend: EmbeddingBackend.INFINITY, batchSize: 16 })).args).toContain('--batch-size=16');
    expect(server(render({ maxModelLen: 512 })).args).toContain('--max_model_len=512');
    expect(server(render({ backend: EmbeddingBackend.VLLM, gpus: 1, maxModelLen: 512 })).args).toContain('--max-model-len=512');
  });
});

describe('errors name the field, the value and the fix', () => {
  test('an option of another backend', () => {
    expect(() => render({ backend: EmbeddingBackend.INFINITY, pooling: 'cls' }))
      .toThrow('serving/embedding: pooling "cls" is not an option of the INFINITY backend; remove it, or use backend: EmbeddingBackend.TEI');
    expect(() => render({ backend: EmbeddingBackend.TEI, batchSize: 8 }))
      .toThrow('serving/embedding: batchSize 8 is not an option of the TEI backend; remove it, or use backend: EmbeddingBackend.INFINITY');
    expect(() => render({ backend: EmbeddingBackend.TEI, maxModelLen: 512 }))
      .toThrow('maxModelLen 512 is not an option of the TEI backend; remove it, or use backend: EmbeddingBackend.KSERVE or EmbeddingBackend.VLLM');
  });

  test('an unknown backend', () => {
    expect(() => render({ backend: 'ONNX' as EmbeddingBackend })).toThrow('serving/embedding: backend "ONNX" is not an EmbeddingBackend; use one of');
  });

  test('an API key on the KServe runtime, which cannot check it', () => {
    expect(() => render({ apiKey: SecretRef.of('k', 'key') })).toThrow('apiKey "k" is not checked by the KSERVE backend');
  });

  test('remote code on TEI, which runs none', () => {
    const trusted = HuggingFaceModel.fromHub('nomic-ai/nomic-embed-text-v1.5', { revision: 'a'.repeat(40), trustRemoteCode: true });
    expect(() => render({ backend: EmbeddingBackend.TEI, model: trusted })).toThrow('model.trustRemoteCode true cannot be honoured by the TEI backend');
  });

  test('vLLM without a GPU', () => {
    expect(() => render({ backend: EmbeddingBackend.VLLM })).toThrow('gpus 0 is too few for the VLLM backend (its image is CUDA-only); set gpus: 1 or more');
  });

  test('a pooling method TEI does not know', () => {
    expect(() => render({ backend: EmbeddingBackend.TEI, pooling: 'max' as any })).toThrow('pooling "max" is not a TEI pooling method; use one of cls, mean, splade, last-token');
  });

  test('a batch size that is not a positive integer', () => {
    expect(() => render({ backend: EmbeddingBackend.INFINITY, batchSize: 0.5 })).toThrow('batchSize 0.5 is not a positive integer');
  });

  test('an extraArgs flag a prop owns', () => {
    expect(() => render({ backend: EmbeddingBackend.TEI, extraArgs: ['--pooling=cls'] })).toThrow('extraArgs[0] "--pooling=cls" sets --pooling, which the construct owns; use the pooling prop instead');
  });
});
