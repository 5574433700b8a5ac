import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineContext, EngineMetrics, EngineModule, EngineTls, OwnedFlags, opt, ParallelismFlags } from './engine';

/** vLLM's pinned images. v0.28.0 (2026-08-26) postdates vLLM PR #52523 (API key no longer logged). */
export const VLLM_IMAGES = {
  /** vLLM OpenAI-compatible server. */
  vllm: 'vllm/vllm-openai:v0.28.0',
} as const;

/**
 * vLLM's Prometheus metrics (label `model_name`): `vllm:num_requests_waiting` is the queue signal,
 * `vllm:num_requests_running` and `vllm:kv_cache_usage_perc` (0–1) the load signals
 * (vllm-project/vllm `vllm/v1/metrics/loggers.py`; the waiting-queue threshold 5 is the default of
 * vllm-project/production-stack's KEDA ScaledObject, `helm/templates/scaledobject-vllm.yaml`; the
 * other two have no default target). Finished requests are counted by
 * `vllm:request_success_total{finished_reason=stop|length|abort}`; aborted requests are the failures
 * vLLM itself reports.
 */
export const VLLM_METRICS: EngineMetrics = {
  queue: 'vllm:num_requests_waiting',
  scaling: { 'vllm:num_requests_waiting': 5, 'vllm:num_requests_running': undefined, 'vllm:kv_cache_usage_perc': undefined },
  latencySeconds: 'vllm:e2e_request_latency_seconds',
  requests: { total: 'vllm:request_success_total', failed: { metric: 'vllm:request_success_total', matcher: 'finished_reason="abort"' } },
};

/**
 * vLLM's engine flags, shared by every engine that runs vLLM: tensor parallel size from `gpus`, then
 * the engine options, always spelled with dashes (KServe's runtime drops underscore spellings of
 * vLLM flags). Boolean config fields are `argparse.BooleanOptionalAction` flags in vLLM
 * (`--enable-prefix-caching` / `--no-enable-prefix-caching`, vllm-project/vllm `vllm/engine/arg_utils.py`).
 */
export function vllmTuningArgs(ctx: EngineContext): string[] {
  const t = ctx.tuning;
  return [
    ...(ctx.gpus > 0 ? [`--tensor-parallel-size=${ctx.gpus}`] : []),
    ...opt('--max-model-len', t.maxModelLen),
    ...opt('--gpu-memory-utilization', t.gpuMemoryUtilization),
    ...opt('--dtype', t.dtype),
    ...opt('--quantization', t.quantization),
    ...opt('--max-num-seqs', t.maxNumSeqs),
    ...(t.enablePrefixCaching === undefined ? [] : [t.enablePrefixCaching ? '--enable-prefix-caching' : '--no-enable-prefix-caching']),
    ...opt('--chat-template', t.chatTemplatePath),
  ];
}

/** Flags `VllmPredictor`'s `engineOptions` own, with the prop to use instead (`-q` is vLLM's alias of `--quantization`). */
export const VLLM_ENGINE_OPTION_FLAGS: OwnedFlags = {
  '--dtype': 'engineOptions.dtype',
  '--quantization': 'engineOptions.quantization',
  '-q': 'engineOptions.quantization',
  '--max-model-len': 'engineOptions.maxModelLen',
  '--max-num-seqs': 'engineOptions.maxNumSeqs',
  '--gpu-memory-utilization': 'engineOptions.gpuMemoryUtilization',
  '--enable-prefix-caching': 'engineOptions.enablePrefixCaching',
  '--no-enable-prefix-caching': 'engineOptions.enablePrefixCaching',
  '--chat-template': 'engineOptions.chatTemplate',
};

/**
 * vLLM's static LoRA flags (vllm-project/vllm, read in an indexed copy of the files at main-branch
 * commit 0052233 since the repository is over the fetch limit; `vllm/engine/arg_utils.py`: `--enable-lora`,
 * a LoRAConfig switch; `vllm/entrypoints/openai/cli_args.py`: `--lora-modules` takes one or more
 * `name=path` items, an item with `=` and no `,` being read as name and path, and a later
 * `--lora-modules` replacing the earlier list). KServe's Hugging Face runtime adds vLLM's parser
 * (`make_arg_parser`), hands `lora_modules` to vLLM's `OpenAIServingModels` and registers each
 * adapter name as a model (kserve/kserve v0.20.0 `python/huggingfaceserver/huggingfaceserver/__main__.py`,
 * `huggingfaceserver/vllm/vllm_model.py`), so the same flags serve in every mode.
 */
export const VLLM_LORA_FLAGS = {
  enable: '--enable-lora',
  modules: '--lora-modules',
} as const;

/**
 * vLLM's own TLS: `--ssl-keyfile` and `--ssl-certfile` (PEM paths) of the OpenAI-compatible server
 * (vllm-project/vllm `vllm/entrypoints/openai/cli_args.py`, `FrontendArgs.ssl_keyfile` /
 * `ssl_certfile`, read in an indexed copy at main-branch commit 0052233).
 */
export const VLLM_TLS: EngineTls = {
  args: f => [`--ssl-keyfile=${f.keyFile}`, `--ssl-certfile=${f.certFile}`],
  source: 'vllm-project/vllm vllm/entrypoints/openai/cli_args.py (FrontendArgs.ssl_keyfile, ssl_certfile)',
};

/** vLLM's parallelism flags and their short aliases. */
export const VLLM_PARALLELISM: ParallelismFlags = {
  tensor: ['--tensor-parallel-size', '-tp'],
  pipeline: ['--pipeline-parallel-size', '-pp'],
};

/** What the props of a vLLM construct own, by flag. */
export const VLLM_OWNED_FLAGS: OwnedFlags = {
  '--trust-remote-code': 'model (HuggingFaceModel.fromHub(id, { trustRemoteCode: true, revision }))',
  '--revision': 'model.revision',
  '--code-revision': 'model.revision',
  '--tokenizer-revision': 'model.revision',
  '--load-format': 'model (allowPickleWeights)',
  '--served-model-name': null,
  '--model': null,
  '--host': null,
  '--port': null,
  '--api-key': 'apiKey (SecretRef)',
  '--tensor-parallel-size': 'gpus',
  '--max-model-len': 'maxModelLen',
  '--gpu-memory-utilization': 'gpuMemoryUtilization',
  '--download-dir': null,
  [VLLM_LORA_FLAGS.enable]: 'loraAdapters',
  [VLLM_LORA_FLAGS.modules]: 'loraAdapters',
  '--ssl-keyfile': 'tls',
  '--ssl-certfile': 'tls',
};

/**
 * vLLM's OpenAI-compatible server (`vllm serve <model>`), upstream image.
 *
 * | decision          | how vLLM is told                                            |
 * |-------------------|-------------------------------------------------------------|
 * | model             | positional local path + `--served-model-name`               |
 * | remote code       | `--trust-remote-code` (default off)                          |
 * | pinned code       | `--revision`, `--code-revision`, `--tokenizer-revision`     |
 * | safetensors only  | `--load-format=safetensors`                                  |
 * | API key           | env `VLLM_API_KEY` (protects `/v1/*` only)                   |
 * | offline           | env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`, local path |
 * | telemetry         | env `VLLM_NO_USAGE_STATS=1` (literal `1`)                    |
 *
 * Facts: vllm-project/vllm `vllm/entrypoints/openai/cli_args.py`, `vllm/engine/arg_utils.py`,
 * `docs/usage/security.md` (read at the v0.28 line).
 */
export const VLLM: Engine = {
  id: 'vllm',
  image: () => VLLM_IMAGES.vllm,
  defaultPort: 8000,
  command: () => ['vllm', 'serve'],
  listenArgs: ctx => ['--host=0.0.0.0', `--port=${ctx.port}`],
  routes: {
    startup: () => '/health',
    readiness: () => '/health',
    liveness: () => '/health',
    metrics: '/metrics',
    openaiBase: '/v1',
  },
  switches: {
    modelArgs: ctx => [ctx.modelPath, `--served-model-name=${ctx.name}`],
    trustRemoteCode: { on: ['--trust-remote-code'], off: [] },
    pinRevisions: c => [`--revision=${c}`, `--code-revision=${c}`, `--tokenizer-revision=${c}`],
    safetensorsOnly: ['--load-format=safetensors'],
    apiKeyEnv: 'VLLM_API_KEY',
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [{ name: 'VLLM_NO_USAGE_STATS', value: '1' }],
  },
  tuningArgs: ctx => [...vllmTuningArgs(ctx), '--disable-fastapi-docs'],
  tls: VLLM_TLS,
  scratch: [
    { name: 'hf-cache', mountPath: '/var/cache/huggingface', sizeLimit: '1Gi', env: ['HF_HOME'] },
    { name: 'vllm-cache', mountPath: '/var/cache/vllm', sizeLimit: '10Gi', env: ['VLLM_CACHE_ROOT', 'VLLM_CONFIG_ROOT:config',
      'TRITON_CACHE_DIR:triton'] },
  ],
  ownedFlags: { ...VLLM_OWNED_FLAGS, ...VLLM_ENGINE_OPTION_FLAGS },
  minGpus: 1,
  metrics: VLLM_METRICS,
  parallelism: VLLM_PARALLELISM,
};

/**
 * vLLM's pooling runner for embeddings: the upstream vLLM server (same image, flags and switches)
 * with `--runner=pooling --convert=embed`, which replace the old `--task embed`. OpenAI route
 * `POST /v1/embeddings` (behind `VLLM_API_KEY` when set), `GET /health`, `GET /metrics`.
 */
export const VLLM_POOLING: Engine = {
  ...VLLM,
  id: 'vllm-pooling',
  tuningArgs: ctx => ['--runner=pooling', '--convert=embed', ...VLLM.tuningArgs(ctx)],
  ownedFlags: { ...VLLM_OWNED_FLAGS, '--runner': null, '--convert': null, '--task': null },
};

/**
 * Switches that re-open what the library closes in any process running vLLM (vllm-project/vllm
 * `vllm/envs.py`, `docs/usage/security.md`, `vllm/entrypoints/openai/cli_args.py`).
 */
export const VLLM_FORBIDDEN: EngineModule['forbidden'] = [
  { name: 'VLLM_SERVER_DEV_MODE', why: 'exposes vLLM development endpoints such as /collective_rpc', finding: 'VLLM_SERVER_DEV_MODE is on' },
  { name: 'VLLM_ALLOW_INSECURE_SERIALIZATION', why: 'lets vLLM unpickle untrusted data', finding: 'VLLM_ALLOW_INSECURE_SERIALIZATION is on' },
  { name: 'VLLM_ALLOW_RUNTIME_LORA_UPDATING', why: 'lets any client load LoRA adapters at run time',
    finding: 'VLLM_ALLOW_RUNTIME_LORA_UPDATING is on' },
  { name: 'VLLM_TORCH_PROFILER_DIR', when: 'set', why: 'turns on profiler endpoints',
    finding: 'VLLM_TORCH_PROFILER_DIR is set (profiler endpoints)' },
  { name: '--enable-tokenizer-info-endpoint', why: 'serves the tokenizer configuration, chat template included',
    finding: '--enable-tokenizer-info-endpoint is set' },
  { name: '--tool-server', values: ['demo'], why: 'runs a code interpreter', finding: '--tool-server demo runs a code interpreter' },
  { name: '--profiler-config', when: 'set', why: 'turns on profiler endpoints', finding: '--profiler-config turns on profiler endpoints' },
  // FlexibleArgumentParser._pull_args_from_config splices the YAML file's keys in as flags (vllm/utils/argparse_utils.py)
  {
    name: '--config', when: 'set', why: 'reads more flags from a YAML file, out of reach of every flag lock',
    finding: '--config reads flags from a file no check sees',
  },
  // media URLs with file:// under this directory are served to API clients (vLLM docs/usage/security.md)
  { name: '--allowed-local-media-path', when: 'set', why: 'lets API clients read server files through file:// media URLs', finding: '--allowed-local-media-path lets clients read server files' },
];

/**
 * vLLM: the upstream server and its pooling runner. Its CLI is `FlexibleArgumentParser`, a Python
 * argparse subclass that keeps `allow_abbrev` on and folds `_` to `-` in flag names
 * (vllm-project/vllm `vllm/utils/argparse_utils.py`, read at commit 00da11e3).
 */
export const VLLM_MODULE: EngineModule = {
  id: 'vllm',
  images: VLLM_IMAGES,
  cli: { parser: 'argparse', allowAbbrev: true, underscoreIsDash: true,
    source: 'vllm-project/vllm vllm/utils/argparse_utils.py (FlexibleArgumentParser)' },
  signature: {
    engine: 'vllm',
    images: ['vllm/vllm-openai'],
    commands: ['vllm', 'vllm.entrypoints.openai.api_server'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model'], env: [], positionalAfter: 'serve' },
    revision: { flags: ['--revision'], env: [], code: ['--code-revision'], tokenizer: ['--tokenizer-revision'] },
    remoteCode: { on: ['--trust-remote-code'], off: [], defaultOn: false },
    loadFormat: { flag: '--load-format', pickleByDefault: true },
    apiKey: { flags: ['--api-key'], env: ['VLLM_API_KEY'] },
    telemetry: { VLLM_NO_USAGE_STATS: '1' },
    needsGpu: true,
    // 0.11.0: media URL SSRF fix (CVE-2025-6242) and constant-time API key comparison
    minimumVersion: '0.11.0',
  },
  forbidden: VLLM_FORBIDDEN,
  secrets: { flags: ['--api-key', '--hf-token'], env: ['VLLM_API_KEY'], hubTokenFlags: ['--hf-token'] },
  profiles: [VLLM, VLLM_POOLING],
};
