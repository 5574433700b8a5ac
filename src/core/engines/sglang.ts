import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineModule, opt } from './engine';

/**
 * SGLang's pinned image: `lmsysorg/sglang:v0.5.18`, the release image of SGLang v0.5.18 (CUDA build;
 * it runs as root upstream, the library runs it as UID 1000 with a read-only root filesystem).
 */
export const SGLANG_IMAGES = {
  /** SGLang OpenAI-compatible server (`python3 -m sglang.launch_server`). */
  sglang: 'lmsysorg/sglang:v0.5.18',
} as const;

/** Environment variable the library fills from the API key Secret; SGLang reads the key only from `--api-key`. */
export const SGLANG_API_KEY_ENV = 'SGLANG_API_KEY';

/**
 * SGLang's server (`python3 -m sglang.launch_server`), upstream image.
 *
 * | decision          | how SGLang is told                                                        |
 * |-------------------|---------------------------------------------------------------------------|
 * | model             | `--model-path=<local dir>`, `--served-model-name`                          |
 * | remote code       | `--trust-remote-code` (default off)                                         |
 * | pinned code       | `--revision` (the weights are a local, pinned download)                     |
 * | safetensors only  | `--load-format=safetensors` (`auto` would also load `pt`/`npcache`)        |
 * | API key           | flag `--api-key=$(SGLANG_API_KEY)`, env from the Secret; all but `/health*`, `/metrics*` need it |
 * | offline           | env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`, local path                |
 * | telemetry         | none in SGLang                                                              |
 *
 * Listens on `--port` (SGLang's default 30000, host default 127.0.0.1, so both are always passed).
 * Routes: OpenAI under `/v1` (`/v1/chat/completions`, `/v1/completions`, `/v1/models`), `GET /health`
 * (200 once the server answers), `GET /metrics` with `--enable-metrics`. Sizing: `--tp-size` from
 * `gpus`, `--context-length` (maxModelLen), `--mem-fraction-static` (gpuMemoryUtilization).
 * Facts: sgl-project/sglang `python/sglang/srt/server_args.py` (`ServerArgs`, `add_cli_args`; read at
 * commit 469c63e5) and `python/sglang/srt/utils/common.py` (`add_api_key_middleware`).
 */
export const SGLANG: Engine = {
  id: 'sglang',
  image: () => SGLANG_IMAGES.sglang,
  defaultPort: 30000,
  command: () => ['python3', '-m', 'sglang.launch_server'],
  listenArgs: ctx => ['--host=0.0.0.0', `--port=${ctx.port}`],
  routes: {
    startup: () => '/health',
    readiness: () => '/health',
    liveness: () => '/health',
    metrics: '/metrics',
    openaiBase: '/v1',
  },
  switches: {
    modelArgs: ctx => [`--model-path=${ctx.modelPath}`, `--served-model-name=${ctx.name}`],
    trustRemoteCode: { on: ['--trust-remote-code'], off: [] },
    pinRevisions: c => [`--revision=${c}`],
    safetensorsOnly: ['--load-format=safetensors'],
    apiKeyEnv: SGLANG_API_KEY_ENV,
    apiKeyFlag: '--api-key',
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [],
  },
  tuningArgs: ctx => [
    ...(ctx.gpus > 0 ? [`--tp-size=${ctx.gpus}`] : []),
    ...opt('--context-length', ctx.tuning.maxModelLen),
    ...opt('--mem-fraction-static', ctx.tuning.gpuMemoryUtilization),
    '--enable-metrics',
  ],
  scratch: [
    { name: 'hf-cache', mountPath: '/var/cache/huggingface', sizeLimit: '1Gi', env: ['HF_HOME'] },
    { name: 'sglang-cache', mountPath: '/var/cache/sglang', sizeLimit: '10Gi', env: ['XDG_CACHE_HOME', 'TRITON_CACHE_DIR:triton'] },
  ],
  ownedFlags: {
    '--model-path': null, '--model': null, '--served-model-name': null, '--host': null, '--port': null,
    '--trust-remote-code': 'model (HuggingFaceModel.fromHub(id, { trustRemoteCode: true, revision }))',
    '--revision': 'model.revision', '--load-format': 'model (allowPickleWeights)', '--api-key': 'apiKey (SecretRef)',
    '--tp-size': 'gpus', '--tensor-parallel-size': 'gpus', '--context-length': 'maxModelLen',
    '--mem-fraction-static': 'gpuMemoryUtilization', '--download-dir': null, '--enable-metrics': null,
  },
  minGpus: 1,
  parallelism: { tensor: ['--tp-size', '--tensor-parallel-size', '--tp'], pipeline: ['--pp-size', '--pipeline-parallel-size', '--pp'] },
};

/**
 * SGLang. Its CLI is plain Python argparse (`argparse.ArgumentParser()` with `allow_abbrev` left on,
 * `ServerArgs.add_cli_args`) — sgl-project/sglang `python/sglang/srt/server_args.py`.
 */
export const SGLANG_MODULE: EngineModule = {
  id: 'sglang',
  images: SGLANG_IMAGES,
  cli: {
    parser: 'argparse', allowAbbrev: true, underscoreIsDash: false,
    source: 'sgl-project/sglang python/sglang/srt/server_args.py (prepare_server_args)',
  },
  signature: {
    engine: 'sglang',
    images: ['lmsysorg/sglang'],
    commands: ['sglang.launch_server'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model-path', '--model'], env: [] },
    revision: { flags: ['--revision'], env: [], code: [], tokenizer: [] },
    remoteCode: { on: ['--trust-remote-code'], off: [], defaultOn: false },
    loadFormat: { flag: '--load-format', pickleByDefault: true },
    apiKey: { flags: ['--api-key'], env: [] },
    telemetry: {},
    needsGpu: true,
  },
  forbidden: [],
  secrets: { flags: ['--api-key'], env: [], hubTokenFlags: [] },
  profiles: [SGLANG],
};
