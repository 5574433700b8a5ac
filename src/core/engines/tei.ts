import { IMAGES } from '../images';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineMetrics, opt } from './engine';

/**
 * TEI's Prometheus metrics (router `metrics` crate names, `engines-and-peers.md` §3.2): the queue gauge
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
 * answers), `GET /metrics`. Facts: `../shared/reference/engines-and-peers.md` §3.2, `security.md` §4.4.
 */
export const TEI: Engine = {
  id: 'tei',
  image: gpus => (gpus > 0 ? IMAGES.teiGpu : IMAGES.tei),
  defaultPort: 3000,
  listenArgs: ctx => ['--hostname=0.0.0.0', `--port=${ctx.port}`],
  routes: {
    startup: () => '/health',
    readiness: () => '/health',
    liveness: () => '/health',
    metrics: '/metrics',
    openaiBase: '/v1',
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
  ownedFlags: [
    '--model-id', '--revision', '--served-model-name', '--hostname', '--port', '--api-key', '--pooling', '--hf-token',
    '--huggingface-hub-cache', '--uds-path',
  ],
};
