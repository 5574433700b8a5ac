import { IMAGES } from '../images';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineContext, EngineMetrics, opt, ParallelismFlags } from './engine';

/**
 * vLLM's Prometheus metrics (label `model_name`): `vllm:num_requests_waiting` is the queue signal,
 * `vllm:num_requests_running` and `vllm:kv_cache_usage_perc` (0–1) the load signals
 * (`../shared/reference/engines-and-peers.md` §3.1; the waiting-queue threshold 5 is the default of
 * vllm-project/production-stack's KEDA ScaledObject, §2; the other two have no default target). Finished requests are counted by
 * `vllm:request_success_total{finished_reason=stop|length|abort}`; aborted requests are the failures
 * vLLM itself reports.
 */
export const VLLM_METRICS: EngineMetrics = {
  queue: 'vllm:num_requests_waiting',
  scaling: { 'vllm:num_requests_waiting': 5, 'vllm:num_requests_running': undefined, 'vllm:kv_cache_usage_perc': undefined },
  latencySeconds: 'vllm:e2e_request_latency_seconds',
  requests: { total: 'vllm:request_success_total', failed: { metric: 'vllm:request_success_total', matcher: 'finished_reason="abort"' } },
};

/** vLLM's engine sizing flags, shared by every engine that runs vLLM: tensor parallel size from `gpus`, context length, GPU memory share. */
export function vllmTuningArgs(ctx: EngineContext): string[] {
  return [
    ...(ctx.gpus > 0 ? [`--tensor-parallel-size=${ctx.gpus}`] : []),
    ...opt('--max-model-len', ctx.tuning.maxModelLen),
    ...opt('--gpu-memory-utilization', ctx.tuning.gpuMemoryUtilization),
  ];
}

/** vLLM's parallelism flags and their short aliases. */
export const VLLM_PARALLELISM: ParallelismFlags = {
  tensor: ['--tensor-parallel-size', '-tp'],
  pipeline: ['--pipeline-parallel-size', '-pp'],
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
 * Facts: `../shared/reference/engines-and-peers.md` §3.1 (vllm `cli_args.py`, `docs/usage/security.md`).
 */
export const VLLM: Engine = {
  id: 'vllm',
  image: () => IMAGES.vllm,
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
  scratch: [
    { name: 'hf-cache', mountPath: '/var/cache/huggingface', sizeLimit: '1Gi', env: ['HF_HOME'] },
    { name: 'vllm-cache', mountPath: '/var/cache/vllm', sizeLimit: '10Gi', env: ['VLLM_CACHE_ROOT', 'VLLM_CONFIG_ROOT:config', 'TRITON_CACHE_DIR:triton'] },
  ],
  ownedFlags: [
    '--trust-remote-code', '--revision', '--code-revision', '--tokenizer-revision', '--load-format',
    '--served-model-name', '--model', '--host', '--port', '--api-key', '--tensor-parallel-size',
    '--max-model-len', '--gpu-memory-utilization', '--download-dir',
  ],
  metrics: VLLM_METRICS,
  parallelism: VLLM_PARALLELISM,
};
