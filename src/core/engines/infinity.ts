import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineModule, opt } from './engine';

/** Infinity (`infinity_emb`) images, release 0.0.77. */
export const INFINITY_IMAGES = {
  /** CPU build. */
  infinityCpu: 'michaelf34/infinity:0.0.77-cpu',
  /** CUDA build. */
  infinity: 'michaelf34/infinity:0.0.77',
} as const;

/** URL prefix that puts Infinity's OpenAI routes at `/v1/...` (Infinity's own default is no prefix). */
export const INFINITY_URL_PREFIX = '/v1';

/**
 * Infinity (`infinity_emb v2`), upstream image.
 *
 * | decision          | how Infinity is told                                                     |
 * |-------------------|--------------------------------------------------------------------------|
 * | model             | `--model-id=<local dir>`, `--served-model-name`, `--engine=torch`, `--device` |
 * | remote code       | `--trust-remote-code` / `--no-trust-remote-code`: **always passed**, Infinity's default is true |
 * | pinned code       | nothing to pin: the weights (and any code) are a local, pinned download   |
 * | safetensors only  | no flag; the download allow-list fetches no pickle files                 |
 * | API key           | env `INFINITY_API_KEY` (Bearer on the API routes)                        |
 * | offline           | local `--model-id`, env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`      |
 * | telemetry         | env `INFINITY_ANONYMOUS_USAGE_STATS=0` (on by default), `DO_NOT_TRACK=1`  |
 *
 * Listens on 7997. With `--url-prefix=/v1` the OpenAI route is `POST /v1/embeddings`; `GET /health`
 * and `GET /metrics` stay unprefixed and need no key. `--preload-only` (download, verify, exit)
 * is the step a cache Job runs. Facts: michaelfeil/infinity 0.0.77 `libs/infinity_emb/infinity_emb/cli.py`,
 * `env.py`, `infinity_server.py`. No TLS of its own: `cli.py` at 0.0.77 starts uvicorn without
 * certificate options, so `tls` is refused (use a mesh).
 */
export const INFINITY: Engine = {
  id: 'infinity',
  image: gpus => (gpus > 0 ? INFINITY_IMAGES.infinity : INFINITY_IMAGES.infinityCpu),
  defaultPort: 7997,
  command: () => ['infinity_emb', 'v2'],
  listenArgs: ctx => ['--host=0.0.0.0', `--port=${ctx.port}`, `--url-prefix=${INFINITY_URL_PREFIX}`],
  routes: {
    startup: () => '/health',
    readiness: () => '/health',
    liveness: () => '/health',
    metrics: '/metrics',
    openaiBase: INFINITY_URL_PREFIX,
  },
  switches: {
    modelArgs: ctx => [`--model-id=${ctx.modelPath}`, `--served-model-name=${ctx.name}`, '--engine=torch',
      `--device=${ctx.gpus > 0 ? 'cuda' : 'cpu'}`],
    trustRemoteCode: { on: ['--trust-remote-code'], off: ['--no-trust-remote-code'] },
    pinRevisions: () => [],
    safetensorsOnly: [],
    apiKeyEnv: 'INFINITY_API_KEY',
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [{ name: 'INFINITY_ANONYMOUS_USAGE_STATS', value: '0' }],
  },
  tuningArgs: ctx => [...opt('--batch-size', ctx.tuning.batchSize)],
  preloadArgs: ['--preload-only'],
  scratch: [{ name: 'infinity-cache', mountPath: '/var/cache/infinity', sizeLimit: '2Gi', env: ['INFINITY_HOME', 'HF_HOME:huggingface'] }],
  ownedFlags: {
    '--model-id': null, '--served-model-name': null, '--engine': null, '--device': 'gpus',
    '--trust-remote-code': 'model (HuggingFaceModel.fromHub(id, { trustRemoteCode: true, revision }))',
    '--no-trust-remote-code': 'model (trustRemoteCode)', '--revision': 'model.revision', '--host': null, '--port': null, '--url-prefix': null,
    '--api-key': 'apiKey (SecretRef)', '--batch-size': 'batchSize', '--preload-only': null, '--permissive-cors': null,
  },
};

/**
 * Infinity. Its CLI is typer (click), not argparse: long options match exactly (click offers no
 * prefix abbreviations), `--x=v` and `--x v` both work, list options accumulate over repeats
 * (several models), and every option defaults from an `INFINITY_*` env variable
 * (michaelfeil/infinity `libs/infinity_emb/infinity_emb/cli.py`, `env.py`).
 */
export const INFINITY_MODULE: EngineModule = {
  id: 'infinity',
  images: INFINITY_IMAGES,
  cli: { parser: 'click', source: 'michaelfeil/infinity libs/infinity_emb/infinity_emb/cli.py (typer.Typer, command v2)' },
  signature: {
    engine: 'infinity',
    images: ['michaelf34/infinity'],
    commands: ['infinity_emb'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model-id'], env: ['INFINITY_MODEL_ID'] },
    revision: { flags: ['--revision'], env: ['INFINITY_REVISION'], code: [], tokenizer: [] },
    remoteCode: { on: ['--trust-remote-code'], off: ['--no-trust-remote-code'], env: 'INFINITY_TRUST_REMOTE_CODE', defaultOn: true },
    apiKey: { flags: ['--api-key'], env: ['INFINITY_API_KEY'] },
    telemetry: { INFINITY_ANONYMOUS_USAGE_STATS: '0' },
    needsGpu: false,
  },
  forbidden: [],
  secrets: { flags: ['--api-key'], env: ['INFINITY_API_KEY'], hubTokenFlags: [] },
  profiles: [INFINITY],
};
