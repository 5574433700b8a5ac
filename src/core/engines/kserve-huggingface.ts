import { KSERVE_VERSION } from '../kserve-release';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineModule, opt } from './engine';
import { vllmBackendStartupCheck } from './kserve-runtime-args';
import { VLLM, VLLM_ENGINE_OPTION_FLAGS, VLLM_METRICS, VLLM_OWNED_FLAGS, VLLM_PARALLELISM, vllmTuningArgs } from './vllm';

/** KServe's Hugging Face runtime images (`kserve/huggingfaceserver`, KServe v0.20.0). */
export const KSERVE_HUGGINGFACE_IMAGES = {
  /** CPU build. */
  kserveHuggingFace: `kserve/huggingfaceserver:${KSERVE_VERSION}`,
  /** CUDA build (the tag KServe itself derives by appending `-gpu`). */
  kserveHuggingFaceGpu: `kserve/huggingfaceserver:${KSERVE_VERSION}-gpu`,
} as const;

/**
 * What every profile on KServe's Hugging Face runtime (`kserve-huggingfaceserver`) shares, whatever
 * its backend: the image pair, the runtime and its pinned `runtimeVersion`, port 8080, and the
 * runtime's routes (readiness `GET /v1/models/<name>` answers 200 once the model is loaded, liveness
 * `GET /`, OpenAI under `/openai/v1`). Facts: kserve/kserve v0.20.0
 * `config/runtimes/kserve-huggingfaceserver.yaml`, `python/kserve/kserve/protocol/rest/server.py`.
 * No TLS: that `server.py` starts uvicorn without certificate options (no `tls`).
 */
const RUNTIME: Pick<Engine, 'image' | 'kserveRuntime' | 'defaultPort' | 'listenArgs' | 'routes'> = {
  image: gpus => (gpus > 0 ? KSERVE_HUGGINGFACE_IMAGES.kserveHuggingFaceGpu : KSERVE_HUGGINGFACE_IMAGES.kserveHuggingFace),
  kserveRuntime: {
    modelFormat: 'huggingface',
    runtime: 'kserve-huggingfaceserver',
    runtimeVersion: gpus => (gpus > 0 ? `${KSERVE_VERSION}-gpu` : KSERVE_VERSION),
  },
  defaultPort: 8080,
  listenArgs: () => [],
  routes: {
    startup: ctx => `/v1/models/${ctx.name}`,
    readiness: ctx => `/v1/models/${ctx.name}`,
    liveness: () => '/',
    metrics: '/metrics',
    openaiBase: '/openai/v1',
  },
};

/**
 * KServe's Hugging Face runtime with the vLLM backend.
 *
 * | decision          | how the runtime is told                                                  |
 * |-------------------|--------------------------------------------------------------------------|
 * | model             | `--model_name`, `--model_dir` (local), `--backend=vllm`                  |
 * | remote code       | `--trust_remote_code` (the runtime's own flag; off by default)          |
 * | pinned code       | `--model_revision`, `--tokenizer_revision` (runtime), `--code-revision` (vLLM) |
 * | safetensors only  | `--load-format=safetensors`                                               |
 * | API key           | none: the runtime has no API key check                                   |
 * | offline           | env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`, local `--model_dir`     |
 * | telemetry         | `HF_HUB_DISABLE_TELEMETRY=1` (image), `VLLM_NO_USAGE_STATS=1`            |
 *
 * Remote code is switched on with the runtime's own `--trust_remote_code`: the runtime decides
 * between its vLLM and Hugging Face backends from a first `parse_known_args()` that knows only its
 * own flags, so the vLLM spelling `--trust-remote-code` would be dropped there and the architecture
 * check would run without remote code. The runtime's flag shares vLLM's `dest`, so vLLM sees it too
 * (kserve/kserve v0.20.0 `python/huggingfaceserver/huggingfaceserver/__main__.py`).
 *
 * vLLM flags must be spelled with dashes, and the runtime drops some of its own options under this
 * backend: `extraArgs` are checked against its parse stages (`kserve-runtime-args.ts`). When vLLM lacks
 * the model's architecture the runtime silently serves with its Hugging Face backend; the startup
 * probe then fails with a message unless `allowHuggingFaceFallback` (`vllmBackendCheck: false`).
 *
 * Metrics: the runtime's `/metrics` serves the process-wide Prometheus registry
 * (`python/kserve/kserve/protocol/rest/server.py`), where the in-process vLLM engine registers its
 * `vllm:*` metrics (stats logging stays on unless `--disable-log-stats`), so the vLLM names apply.
 */
export const KSERVE_HUGGINGFACE_VLLM: Engine = {
  id: 'kserve-huggingface-vllm',
  ...RUNTIME,
  switches: {
    modelArgs: ctx => [`--model_name=${ctx.name}`, `--model_dir=${ctx.modelPath}`, '--backend=vllm'],
    trustRemoteCode: { on: ['--trust_remote_code'], off: [] },
    pinRevisions: c => [`--model_revision=${c}`, `--tokenizer_revision=${c}`, `--code-revision=${c}`],
    safetensorsOnly: ['--load-format=safetensors'],
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [{ name: 'VLLM_NO_USAGE_STATS', value: '1' }],
  },
  tuningArgs: ctx => [...vllmTuningArgs(ctx), '--disable_log_requests'],
  scratch: VLLM.scratch,
  ownedFlags: {
    ...VLLM_OWNED_FLAGS,
    ...VLLM_ENGINE_OPTION_FLAGS,
    '--model-name': null, '--model-dir': null, '--model-id': null, '--backend': null, '--model-revision': 'model.revision',
      '--disable-log-requests': null,
  },
  metrics: VLLM_METRICS,
  parallelism: VLLM_PARALLELISM,
  kserveRuntimeBackend: 'vllm',
  // the startup probe fails loudly when the runtime falls back to its Hugging Face backend (see kserve-runtime-args.ts)
  probeHandlers: ctx => ({
    startup: ctx.tuning.vllmBackendCheck === false
      ? { httpGet: { path: RUNTIME.routes.startup(ctx), port: ctx.port } }
      : vllmBackendStartupCheck(ctx.port, ctx.name),
    readiness: { httpGet: { path: RUNTIME.routes.readiness(ctx), port: ctx.port } },
    liveness: { httpGet: { path: RUNTIME.routes.liveness(ctx), port: ctx.port } },
  }),
};

/**
 * KServe's Hugging Face runtime with the plain Hugging Face backend and the `text_embedding` task
 * (mean pooling, L2-normalised), for sentence-transformers models.
 *
 * | decision          | how the runtime is told                                                  |
 * |-------------------|--------------------------------------------------------------------------|
 * | model             | `--model_name`, `--model_dir` (local), `--backend=huggingface`, `--task=text_embedding` |
 * | remote code       | `--trust_remote_code` (the runtime's own spelling; default off)           |
 * | pinned code       | `--model_revision`, `--tokenizer_revision`                               |
 * | safetensors only  | no flag: the download allow-list fetches no pickle files                  |
 * | API key           | none: the runtime has no API key check                                   |
 * | offline           | env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`, local `--model_dir`     |
 * | telemetry         | `HF_HUB_DISABLE_TELEMETRY=1`, `DO_NOT_TRACK=1` (set on every container)   |
 *
 * Routes on port 8080: V1 `GET /v1/models/<name>` (200 once loaded, else 503) and
 * `POST /v1/models/<name>:predict`, V2 `POST /v2/models/<name>/infer`, OpenAI
 * `POST /openai/v1/embeddings`, `GET /` (live), `GET /metrics`
 * (kserve/kserve v0.20.0 `python/huggingfaceserver/huggingfaceserver/__main__.py`, `python/kserve/kserve/protocol/`).
 */
export const KSERVE_HUGGINGFACE_EMBEDDING: Engine = {
  id: 'kserve-huggingface-embedding',
  ...RUNTIME,
  routes: { ...RUNTIME.routes, native: ctx => ({ v1Predict: `/v1/models/${ctx.name}:predict`, v2Infer: `/v2/models/${ctx.name}/infer` }) },
  switches: {
    modelArgs: ctx => [`--model_name=${ctx.name}`, `--model_dir=${ctx.modelPath}`, '--backend=huggingface', '--task=text_embedding'],
    trustRemoteCode: { on: ['--trust_remote_code'], off: [] },
    pinRevisions: c => [`--model_revision=${c}`, `--tokenizer_revision=${c}`],
    safetensorsOnly: [],
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [],
  },
  tuningArgs: ctx => [...opt('--max_model_len', ctx.tuning.maxModelLen), '--disable_log_requests'],
  kserveRuntimeBackend: 'huggingface',
  scratch: [{ name: 'hf-cache', mountPath: '/var/cache/huggingface', sizeLimit: '1Gi', env: ['HF_HOME'] }],
  ownedFlags: {
    '--model-name': null, '--model-dir': null, '--model-id': null, '--backend': null, '--task': null,
    '--trust-remote-code': 'model (HuggingFaceModel.fromHub(id, { trustRemoteCode: true, revision }))',
    '--model-revision': 'model.revision', '--tokenizer-revision': 'model.revision', '--max-model-len': 'maxModelLen', '--max-length': 'maxModelLen',
    '--disable-log-requests': null, '--http-port': null,
  },
};

/**
 * KServe's Hugging Face runtime (`kserve/huggingfaceserver`). Its CLI is Python argparse with
 * `allow_abbrev` on; the runtime's own flags are spelled with `_`, and with the vLLM backend vLLM's
 * `FlexibleArgumentParser` flags are added but parsed with `parse_known_args()` (unknown flags are
 * dropped silently, `_` is not folded to `-`) — kserve/kserve v0.20.0
 * `python/huggingfaceserver/huggingfaceserver/__main__.py`. In-process vLLM honours vLLM's switches;
 * every module's forbidden switches are refused in every container, so they are not repeated here.
 */
export const KSERVE_HUGGINGFACE_MODULE: EngineModule = {
  id: 'kserve-huggingface',
  images: KSERVE_HUGGINGFACE_IMAGES,
  cli: { parser: 'argparse', allowAbbrev: true, underscoreIsDash: false,
    source: 'kserve/kserve v0.20.0 python/huggingfaceserver/huggingfaceserver/__main__.py' },
  signature: {
    engine: 'kserve-huggingface',
    images: ['kserve/huggingfaceserver'],
    commands: ['huggingfaceserver'],
    modelFormats: ['huggingface'],
    frameworkKeys: ['huggingface'],
    model: { flags: ['--model_id'], env: [], localDirFlags: ['--model_dir'] },
    revision: { flags: ['--model_revision'], env: [], code: ['--code-revision'], tokenizer: ['--tokenizer_revision'] },
    remoteCode: { on: ['--trust_remote_code'], off: [], defaultOn: false },
    loadFormat: { flag: '--load-format', pickleByDefault: { flag: '--backend', value: 'vllm' } },
    telemetry: {},
    needsGpu: false,
  },
  forbidden: [],
  secrets: { flags: [], env: [], hubTokenFlags: [] },
  profiles: [KSERVE_HUGGINGFACE_VLLM, KSERVE_HUGGINGFACE_EMBEDDING],
};
