import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineMetrics, EngineModule, opt } from './engine';

/**
 * Text Embeddings Inference images, release 1.9.3 (the images have no USER: they run as whatever UID
 * the pod gives). Pinned to the patch tags: TEI's release workflow (`.github/workflows/build.yaml`,
 * `matrix.json` at v1.9.3) publishes each build as `<prefix>{{version}}` and as the moving
 * `<prefix>{{major}}.{{minor}}`, with prefix `cpu-` for the CPU build and none for Ampere 8.0.
 */
export const TEI_IMAGES = {
  /** CPU build. */
  tei: 'ghcr.io/huggingface/text-embeddings-inference:cpu-1.9.3',
  /** CUDA build for Ampere 8.0 (`86-`, `89-`, `hopper-` prefixes exist for other GPUs). */
  teiGpu: 'ghcr.io/huggingface/text-embeddings-inference:1.9.3',
} as const;

/**
 * TEI's Prometheus metrics (huggingface/text-embeddings-inference `router/src/lib.rs` and
 * `core/src/queue.rs`, `metrics` crate names): the queue gauge
 * `te_queue_size` is the autoscaling signal; failures have their own counter.
 */
export const TEI_METRICS: EngineMetrics = {
  queue: 'te_queue_size',
  scaling: { te_queue_size: 8, te_batch_next_size: undefined },
  latencySeconds: 'te_request_duration',
  requests: { total: 'te_request_count', failed: { metric: 'te_request_failure' } },
};

/**
 * Text Embeddings Inference (`text-embeddings-router`), upstream image.
 *
 * | decision          | how TEI is told                                                          |
 * |-------------------|--------------------------------------------------------------------------|
 * | model             | `--model-id=<local dir>` (bypasses the Hub), `--served-model-name`        |
 * | remote code       | none: TEI runs no repository code (the construct refuses `trustRemoteCode`) |
 * | pinned code       | nothing to pin: the weights are a local, pinned download                 |
 * | safetensors only  | no flag (TEI falls back to `pytorch_model.bin`); the download allow-list fetches no pickle files |
 * | API key           | env `API_KEY` (Bearer); TEI prints its parsed args, key included, at INFO, so `LOG_LEVEL=warn` is always set |
 * | offline           | local `--model-id`; `HF_HUB_OFFLINE=1` set for completeness             |
 * | telemetry         | none in TEI                                                              |
 *
 * Listens on `--port` (TEI's default 3000; the image sets `PORT=80`, so the port is always passed).
 * Routes: `POST /embed`, OpenAI `POST /v1/embeddings`, public `GET /health` (200 once the model
 * answers), `GET /metrics`. Facts: huggingface/text-embeddings-inference v1.9 `router/src/main.rs`,
 * `router/src/http/server.rs`, `router/src/logging.rs`. No TLS of its own: the router's arguments
 * (`router/src/main.rs` at v1.9.3) name no certificate or key, so `tls` is refused (use a mesh).
 */
export const TEI: Engine = {
  id: 'tei',
  image: gpus => (gpus > 0 ? TEI_IMAGES.teiGpu : TEI_IMAGES.tei),
  defaultPort: 3000,
  listenArgs: ctx => ['--hostname=0.0.0.0', `--port=${ctx.port}`],
  routes: {
    startup: () => '/health',
    readiness: () => '/health',
    liveness: () => '/health',
    metrics: '/metrics',
    openaiBase: '/v1',
    native: () => ({ embed: '/embed' }),
  },
  switches: {
    modelArgs: ctx => [`--model-id=${ctx.modelPath}`, `--served-model-name=${ctx.name}`],
    trustRemoteCode: { on: [], off: [] },
    pinRevisions: () => [],
    safetensorsOnly: [],
    apiKeyEnv: 'API_KEY',
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [],
  },
  tuningArgs: ctx => [...opt('--pooling', ctx.tuning.pooling)],
  env: [{ name: 'LOG_LEVEL', value: 'warn' }],
  metrics: TEI_METRICS,
  // the image's hub cache (`HUGGINGFACE_HUB_CACHE=/data`) must be writable even when unused
  scratch: [{ name: 'tei-data', mountPath: '/data', sizeLimit: '1Gi' }],
  ownedFlags: {
    '--model-id': null, '--revision': 'model.revision', '--served-model-name': null, '--hostname': null, '--port': null,
    '--api-key': 'apiKey (SecretRef)', '--pooling': 'pooling', '--hf-token': null, '--huggingface-hub-cache': null, '--uds-path': null,
  },
};

/**
 * Text Embeddings Inference. Its CLI is Rust clap (`#[derive(Parser)]` without `infer_long_args`):
 * long flags match exactly, each also readable from the env named in `env` (`MODEL_ID`, `API_KEY`, ...)
 * — huggingface/text-embeddings-inference v1.9 `router/src/main.rs`.
 */
export const TEI_MODULE: EngineModule = {
  id: 'tei',
  images: TEI_IMAGES,
  cli: { parser: 'clap', source: 'huggingface/text-embeddings-inference v1.9 router/src/main.rs (clap derive Args)' },
  signature: {
    engine: 'tei',
    images: ['ghcr.io/huggingface/text-embeddings-inference'],
    commands: ['text-embeddings-router'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model-id'], env: ['MODEL_ID'] },
    revision: { flags: ['--revision'], env: ['REVISION'], code: [], tokenizer: [] },
    apiKey: { flags: ['--api-key'], env: ['API_KEY'] },
    telemetry: {},
    needsGpu: false,
  },
  forbidden: [],
  // `--hf-api-token` is the hidden older spelling of `--hf-token` (router/src/main.rs: `hide = true`, conflicts_with)
  secrets: {
    flags: ['--api-key', '--hf-token', '--hf-api-token'],
    env: ['API_KEY', 'HF_TOKEN', 'HF_API_TOKEN'],
    hubTokenFlags: ['--hf-token', '--hf-api-token'],
  },
  profiles: [TEI],
};
