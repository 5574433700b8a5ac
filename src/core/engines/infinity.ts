import { IMAGES } from '../images';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, opt } from './engine';

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
 * is the step a cache Job runs. Facts: `../shared/reference/engines-and-peers.md` §3.3, `security.md` §4.2.
 */
export const INFINITY: Engine = {
  id: 'infinity',
  image: gpus => (gpus > 0 ? IMAGES.infinity : IMAGES.infinityCpu),
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
    modelArgs: ctx => [`--model-id=${ctx.modelPath}`, `--served-model-name=${ctx.name}`, '--engine=torch', `--device=${ctx.gpus > 0 ? 'cuda' : 'cpu'}`],
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
  ownedFlags: [
    '--model-id', '--served-model-name', '--engine', '--device', '--trust-remote-code', '--no-trust-remote-code', '--revision',
    '--host', '--port', '--url-prefix', '--api-key', '--batch-size', '--preload-only', '--permissive-cors',
  ],
};
