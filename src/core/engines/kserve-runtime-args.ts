import { ValidationError } from '../errors';
import { ProbeHandler } from './engine';

/**
 * How KServe's Hugging Face runtime reads its command line, as read in kserve/kserve v0.20.0
 * `python/huggingfaceserver/huggingfaceserver/__main__.py` and `python/kserve/kserve/model_server.py`
 * (the one place the library states these facts; `test/contracts/kserve-runtime.contract.test.ts`
 * checks them):
 *
 * 1. A first `parse_known_args()` over the model server's and the runtime's own options (below)
 *    decides the backend: vLLM when `--backend` is `vllm` (or `auto`), vLLM is installed and every
 *    architecture of the model's config is in vLLM's registry; otherwise, **without an error**, the
 *    Hugging Face (transformers) backend (`vllm/utils.py` `infer_vllm_supported_from_model_architecture`).
 * 2. With vLLM, vLLM's own options are added (`make_arg_parser`); otherwise `--task`,
 *    `--max_log_len`/`--max-log-len` and `--dtype` are. A second `parse_known_args()` reads the
 *    line again: **an option the stage does not know is dropped silently**, and vLLM's `_`→`-`
 *    rewrite (in `FlexibleArgumentParser.parse_args` only) does not run, so an underscore-spelled
 *    vLLM option is dropped too. argparse's `allow_abbrev` is on: an unambiguous prefix of a known
 *    option is that option.
 */
export const KSERVE_RUNTIME_OPTIONS = {
  /** `model_server.py` `parser`: the model server's options, known under every backend. */
  modelServer: [
    '--http_port', '--grpc_port', '--workers', '--max_threads', '--max_asyncio_workers', '--enable_grpc', '--enable_docs_url',
    '--enable_latency_logging', '--configure_logging', '--log_config_file', '--access_log_format', '--event-loop', '--timeout-keep-alive',
    '--model_name', '--predictor_host', '--protocol', '--predictor_protocol', '--predictor_use_ssl', '--predictor_request_timeout_seconds',
    '--grpc_max_send_message_length', '--grpc_max_receive_message_length', '--predictor_request_retries', '--enable_predictor_health_check',
  ],
  /** `__main__.py`: the runtime's own options, known under every backend. */
  runtime: [
    '--model_dir', '--model_id', '--model_revision', '--tokenizer_revision', '--max_length', '--max_model_len', '--disable_lower_case',
    '--disable_special_tokens', '--trust_remote_code', '--tensor_input_names', '--backend', '--return_token_type_ids',
    '--return_offsets_mapping', '--return_probabilities', '--return_raw_logits', '--disable_log_requests',
  ],
  /** `__main__.py`: added in stage 2 only when the vLLM backend is not selected. */
  huggingFaceBackendOnly: ['--task', '--max_log_len', '--max-log-len', '--dtype'],
  /** Runtime options known under every backend but read only by the Hugging Face backend's models (`encoder_model.py`, `__main__.py`). */
  readByHuggingFaceBackendOnly: [
    '--disable_lower_case', '--disable_special_tokens', '--tensor_input_names', '--return_token_type_ids', '--return_offsets_mapping',
    '--return_probabilities', '--return_raw_logits',
  ],
  /**
   * vLLM release in the runtime's GPU image (`python/huggingface_server.Dockerfile` `ARG VLLM_VERSION`):
   * the vLLM options the runtime knows are this release's, not those of the `vllm/vllm-openai` image.
   */
  vllmVersion: '0.24.0',
} as const;

/** The backend a KServe runtime profile asks for with `--backend`. */
export type KServeRuntimeBackend = 'vllm' | 'huggingface';

/** Where a fix for an option dropped under the vLLM backend points, per option. */
const VLLM_BACKEND_FIX: Readonly<Record<string, string>> = {
  '--task': 'remove it: vLLM serves the task of the model\'s architecture (embeddings: HuggingFaceEmbeddingService)',
  '--max_log_len': 'spell it "--max-log-len", vLLM\'s own option',
};

/** The option `name` selects among `known` as argparse does: exact, else the one option it is a prefix of. */
function resolveOption(name: string, known: readonly string[]): string[] {
  if (known.includes(name)) return [name];
  return name.startsWith('--') ? known.filter(o => o.startsWith(name)) : [];
}

/**
 * Refuse an `extraArgs` option the KServe runtime would drop silently (or read and ignore) under
 * `backend`, naming the fix; with `vllmBackendCheck`, also `--disable-log-stats`, which removes the
 * metric the fallback check reads. Arguments that are not options (values) are skipped.
 */
export function validateKServeRuntimeArgs(path: string, backend: KServeRuntimeBackend, args: readonly string[], vllmBackendCheck = false): void {
  const o = KSERVE_RUNTIME_OPTIONS;
  const always: readonly string[] = [...o.modelServer, ...o.runtime];
  args.forEach((arg, i) => {
    if (typeof arg !== 'string' || !arg.startsWith('-') || /^-[0-9.]/.test(arg) || arg === '--') return;
    const name = arg.split('=')[0];
    const field = `extraArgs[${i}]`;
    const known = resolveOption(name, [...always, ...o.huggingFaceBackendOnly]);
    if (backend === 'vllm') {
      const hfOnly = known.length === 1 && (o.huggingFaceBackendOnly as readonly string[]).includes(known[0]) && known[0] !== '--dtype'
        && known[0] !== '--max-log-len';
      if (hfOnly) {
        throw new ValidationError(path, field, arg, `is ${known[0]}, which KServe's runtime registers only for its Hugging Face backend: `
          + 'with --backend=vllm it is dropped silently', VLLM_BACKEND_FIX[known[0]] ?? 'remove it');
      }
      if (known.length === 1 && (o.readByHuggingFaceBackendOnly as readonly string[]).includes(known[0])) {
        throw new ValidationError(path, field, arg,
          `is ${known[0]}, which only KServe's Hugging Face backend reads: it has no effect with --backend=vllm`,
          'remove it');
      }
      if (vllmBackendCheck && name.length > '--disable-log-'.length && '--disable-log-stats'.startsWith(name)) {
        throw new ValidationError(path, field, arg, 'turns off the vLLM metrics the startup check reads to tell the vLLM backend from the '
          + 'Hugging Face fallback', 'remove it, or set allowHuggingFaceFallback: true (the check is then off)');
      }
      if (resolveOption(name, always).length === 0 && name.includes('_')) {
        throw new ValidationError(path, field, arg, 'is spelled with "_" and would be dropped silently by the KServe runtime', `spell it with dashes: "${name.replace(/_/g, '-')}${arg.slice(name.length)}"`);
      }
      return;
    }
    if (known.length === 0) {
      throw new ValidationError(path, field, arg, 'is not an option of KServe\'s runtime with --backend=huggingface (vLLM\'s options exist '
        + 'only with the vLLM backend): it is dropped silently', 'remove it, or use a backend whose server has the option');
    }
  });
}

/** The vLLM metric whose presence on the runtime's `/metrics` shows that the vLLM backend was loaded. */
export const VLLM_BACKEND_METRIC = 'vllm:num_requests_waiting';

/**
 * Python the startup check runs (the runtime images put their venv's `python3` on PATH): fail until
 * the model answers ready, then fail with a message naming the fallback if the runtime's `/metrics`
 * has no vLLM metric (the Hugging Face backend is serving). Arguments: port, model name.
 * vLLM registers its gauges labelled per engine when its engine starts (vllm-project/vllm
 * `vllm/v1/metrics/loggers.py` `PrometheusStatLogger`), so the metric is there before any request.
 */
const VLLM_BACKEND_CHECK_SCRIPT = [
  'import sys, urllib.request as u',
  'base = "http://127.0.0.1:" + sys.argv[1]',
  'try:',
  '    u.urlopen(base + "/v1/models/" + sys.argv[2], timeout=2)',
  'except Exception as e:',
  '    sys.exit("model not ready yet: %s" % e)',
  'metrics = u.urlopen(base + "/metrics", timeout=2).read().decode()',
  `if "${VLLM_BACKEND_METRIC}" not in metrics:`,
  '    sys.exit("KServe fell back to its Hugging Face backend: vLLM does not support this model\'s architecture '
    + '(set allowHuggingFaceFallback: true to serve it anyway)")',
].join('\n');

/** Exec startup check that fails loudly when KServe's runtime serves with its Hugging Face backend instead of vLLM. */
export function vllmBackendStartupCheck(port: number, modelName: string): ProbeHandler {
  return { exec: { command: ['python3', '-c', VLLM_BACKEND_CHECK_SCRIPT, String(port), modelName] } };
}
