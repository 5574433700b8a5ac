import { OFFLINE_ENV } from '../pod-security';
import { KSERVE_HUGGINGFACE_RUNTIME } from './kserve-huggingface-runtime';
import { Engine } from './engine';
import { VLLM, VLLM_METRICS, VLLM_PARALLELISM, vllmTuningArgs } from './vllm';

/**
 * KServe's Hugging Face runtime (`kserve-huggingfaceserver`) with the vLLM backend.
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
 * (`python/huggingfaceserver/huggingfaceserver/__main__.py`, `../shared/reference/kserve.md` §2.1, §2.3).
 *
 * vLLM flags must be spelled with dashes: the runtime parses with `parse_known_args()` and drops
 * unknown and underscore-spelled vLLM flags silently (`../shared/reference/kserve.md` §2.3).
 *
 * Metrics: the runtime's `/metrics` serves the process-wide Prometheus registry
 * (`python/kserve/kserve/protocol/rest/server.py`), where the in-process vLLM engine registers its
 * `vllm:*` metrics (stats logging stays on unless `--disable-log-stats`), so the vLLM names apply.
 */
export const KSERVE_HUGGINGFACE_VLLM: Engine = {
  id: 'kserve-huggingface-vllm',
  ...KSERVE_HUGGINGFACE_RUNTIME,
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
  ownedFlags: [...VLLM.ownedFlags, '--model-name', '--model-dir', '--model-id', '--backend', '--model-revision', '--disable-log-requests'],
  metrics: VLLM_METRICS,
  parallelism: VLLM_PARALLELISM,
  dropsUnderscoreFlags: { except: ['--model_name', '--model_dir', '--model_id', '--max_model_len', '--trust_remote_code', '--model_revision', '--tokenizer_revision', '--disable_log_requests', '--dtype', '--task', '--http_port', '--grpc_port', '--workers', '--max_threads', '--enable_grpc', '--enable_docs_url', '--max_log_len'] },
};
