import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineMetrics, EngineModule, opt } from './engine';

/**
 * SGLang's pinned image: `lmsysorg/sglang:v0.5.18`, the release image of SGLang v0.5.18 (CUDA build).
 * The image has no `USER` (sgl-project/sglang `docker/Dockerfile`: it installs under `/sgl-workspace`
 * and `/root` as root and ends with `WORKDIR /sgl-workspace/sglang`); the library runs it as its
 * non-root default UID with a read-only root filesystem, and every path SGLang writes is a scratch
 * directory below.
 */
export const SGLANG_IMAGES = {
  /** SGLang OpenAI-compatible server (`python3 -m sglang.launch_server`). */
  sglang: 'lmsysorg/sglang:v0.5.18',
} as const;

/** Environment variable the library fills from the API key Secret; SGLang reads the key only from `--api-key`. */
export const SGLANG_API_KEY_ENV = 'SGLANG_API_KEY';

/**
 * SGLang's Prometheus metrics (on `/metrics` with `--enable-metrics`; sgl-project/sglang
 * `python/sglang/srt/metrics/collector.py`, `SchedulerMetricsCollector` and
 * `TokenizerMetricsCollector`): `sglang:num_queue_reqs` (requests in the waiting queue) is the queue
 * signal, `sglang:num_running_reqs` and `sglang:token_usage` (KV pool share, 0–1) the load signals;
 * finished requests count in `sglang:num_requests_total`, aborted ones in
 * `sglang:num_aborted_requests_total`; `sglang:e2e_request_latency_seconds` is the latency histogram.
 * The queue target 5 matches vLLM's waiting-queue default (the two gauges mean the same: requests
 * admitted but not yet scheduled); the load gauges have no default target.
 */
export const SGLANG_METRICS: EngineMetrics = {
  queue: 'sglang:num_queue_reqs',
  scaling: { 'sglang:num_queue_reqs': 5, 'sglang:num_running_reqs': undefined, 'sglang:token_usage': undefined },
  latencySeconds: 'sglang:e2e_request_latency_seconds',
  requests: { total: 'sglang:num_requests_total', failed: { metric: 'sglang:num_aborted_requests_total' } },
};

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
 * `gpus`, `--context-length` (maxModelLen), `--mem-fraction-static` (gpuMemoryUtilization); engine
 * options `--dtype` (the same six choices as vLLM's), `--quantization`, `--max-running-requests`
 * (maxNumSeqs).
 * Facts: sgl-project/sglang, release tag v0.5.18: `python/sglang/srt/server_args.py` (`ServerArgs`,
 * `add_cli_args`), `python/sglang/srt/utils/common.py` (`add_api_key_middleware`: `/health*` and
 * `/metrics*` pass without the key), `python/sglang/srt/metrics/collector.py`, `docker/Dockerfile`.
 * The repository is over the fetch size limit, so these were read in indexed copies at main-branch
 * commits (server_args.py at 469c63e5 and 001067ff, collector.py at 93d04878, Dockerfile at
 * 004740a9), not at the tag itself; the contract test (`test/contracts/images.contract.test.ts`)
 * records this and fails when the pinned release changes.
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
    ...opt('--dtype', ctx.tuning.dtype),
    ...opt('--quantization', ctx.tuning.quantization),
    ...opt('--max-running-requests', ctx.tuning.maxNumSeqs),
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
    '--dtype': 'engineOptions.dtype', '--quantization': 'engineOptions.quantization', '--max-running-requests': 'engineOptions.maxNumSeqs',
  },
  minGpus: 1,
  metrics: SGLANG_METRICS,
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
  forbidden: [
    // `--config` is a meta-argument that reads more arguments from a YAML file (ServerArgs docstring, add_cli_args)
    {
      name: '--config', when: 'set', why: 'reads more flags from a file, out of reach of every flag lock',
      finding: '--config reads flags from a file no check sees',
    },
  ],
  secrets: { flags: ['--api-key'], env: [], hubTokenFlags: [] },
  profiles: [SGLANG],
};
