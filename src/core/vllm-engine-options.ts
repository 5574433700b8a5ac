import { ConfigMapKeyRef } from './download-proxy';
import { EngineTuning } from './engines/engine';
import { ValidationError } from './errors';
import { Volume, VolumeMount } from './kube';
import { isDnsSubdomain } from './pod-placement';
import { INT32_MAX } from './shapes';

/**
 * Data types vLLM accepts for `--dtype` (vllm-project/vllm `vllm/config/model.py` `ModelDType`:
 * auto, half, float16, bfloat16, float, float32 — the same set in every release line read, from the
 * v0.4 engine-args docs to the current `ModelDType` literal).
 */
export const VLLM_DTYPES = ['auto', 'half', 'float16', 'bfloat16', 'float', 'float32'] as const;
/** A vLLM `--dtype`. */
export type VllmDtype = typeof VLLM_DTYPES[number];

/**
 * Typed vLLM engine knobs. Each becomes the dash-spelled flag, which both the upstream server and
 * KServe's Hugging Face runtime with `--backend=vllm` read (the runtime drops underscore spellings
 * of vLLM flags silently), and each flag is then refused in `extraArgs`.
 */
export interface VllmEngineOptions {
  /**
   * Weight and activation data type (`--dtype`).
   * @default - vLLM's `auto` (the model's own dtype; FP16 for FP32 models)
   */
  readonly dtype?: VllmDtype;
  /**
   * Quantization method (`--quantization`), e.g. `awq`, `gptq`, `fp8`, `compressed-tensors`. The set
   * of methods changes between vLLM releases; vLLM refuses an unknown one at start-up.
   * @default - read from the model's config
   */
  readonly quantization?: string;
  /**
   * Maximum context length in tokens (`--max-model-len`).
   * @default - the model's own maximum
   */
  readonly maxModelLen?: number;
  /**
   * Most sequences in one batch (`--max-num-seqs`).
   * @default - vLLM's default for the GPU
   */
  readonly maxNumSeqs?: number;
  /**
   * Fraction of GPU memory vLLM may use (`--gpu-memory-utilization`), in (0, 1].
   * @default - vLLM's default (0.9)
   */
  readonly gpuMemoryUtilization?: number;
  /**
   * Automatic prefix caching (`--enable-prefix-caching` / `--no-enable-prefix-caching`).
   * @default - vLLM's default (on with the V1 engine)
   */
  readonly enablePrefixCaching?: boolean;
  /**
   * A Jinja chat template from a ConfigMap key, mounted read-only and passed as `--chat-template`.
   * @default - the template in the model's tokenizer config
   */
  readonly chatTemplate?: ConfigMapKeyRef;
}

/** Where a chat template from a ConfigMap is mounted. */
export const CHAT_TEMPLATE_DIR = '/etc/hf-serving/chat-template';
const CHAT_TEMPLATE_FILE = 'template.jinja';
const CHAT_TEMPLATE_VOLUME = 'chat-template';
const QUANTIZATION = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Legacy top-level knobs of `VllmPredictor` that `engineOptions` also carries. */
export interface LegacyVllmKnobs {
  /** Top-level `maxModelLen` of `VllmPredictorProps`. */
  readonly maxModelLen?: number;
  /** Top-level `gpuMemoryUtilization` of `VllmPredictorProps`. */
  readonly gpuMemoryUtilization?: number;
}

/** Validate the engine options (and the legacy top-level knobs); return the engine tuning values. */
export function resolveVllmEngineOptions(path: string, o: VllmEngineOptions | undefined, legacy: LegacyVllmKnobs): EngineTuning {
  const opts = o ?? {};
  for (const k of ['maxModelLen', 'gpuMemoryUtilization'] as const) {
    if (legacy[k] !== undefined && opts[k] !== undefined) {
      throw new ValidationError(path, k, legacy[k], `is also given as engineOptions.${k}`, `keep only engineOptions.${k}`);
    }
  }
  const maxModelLen = opts.maxModelLen ?? legacy.maxModelLen;
  const maxModelLenField = opts.maxModelLen !== undefined ? 'engineOptions.maxModelLen' : 'maxModelLen';
  if (maxModelLen !== undefined && (!Number.isInteger(maxModelLen) || maxModelLen < 1 || maxModelLen > INT32_MAX)) {
    throw new ValidationError(path, maxModelLenField, maxModelLen, 'is not a positive integer', 'give the context length in tokens, e.g. 8192');
  }
  const u = opts.gpuMemoryUtilization ?? legacy.gpuMemoryUtilization;
  const uField = opts.gpuMemoryUtilization !== undefined ? 'engineOptions.gpuMemoryUtilization' : 'gpuMemoryUtilization';
  if (u !== undefined && (typeof u !== 'number' || !(u > 0 && u <= 1))) {
    throw new ValidationError(path, uField, u, 'is not in (0, 1]', 'give a fraction such as 0.9');
  }
  if (opts.dtype !== undefined && !VLLM_DTYPES.includes(opts.dtype)) {
    throw new ValidationError(path, 'engineOptions.dtype', opts.dtype, 'is not a vLLM dtype', `use one of ${VLLM_DTYPES.join(', ')}`);
  }
  if (opts.quantization !== undefined && (typeof opts.quantization !== 'string' || !QUANTIZATION.test(opts.quantization))) {
    throw new ValidationError(path, 'engineOptions.quantization', opts.quantization, 'is not a quantization method name',
      'give vLLM\'s name of the method, e.g. "awq", "gptq", "fp8"');
  }
  if (opts.maxNumSeqs !== undefined && (!Number.isInteger(opts.maxNumSeqs) || opts.maxNumSeqs < 1 || opts.maxNumSeqs > INT32_MAX)) {
    throw new ValidationError(path, 'engineOptions.maxNumSeqs', opts.maxNumSeqs, 'is not a positive integer',
      'give the batch size in sequences, e.g. 64');
  }
  if (opts.enablePrefixCaching !== undefined && typeof opts.enablePrefixCaching !== 'boolean') {
    throw new ValidationError(path, 'engineOptions.enablePrefixCaching', opts.enablePrefixCaching, 'is not a boolean', 'give true or false');
  }
  const t = opts.chatTemplate;
  if (t !== undefined && (!isDnsSubdomain(t.name) || typeof t.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(t.key))) {
    throw new ValidationError(path, 'engineOptions.chatTemplate', t, 'is not a ConfigMap key reference',
      'give { name: "<configmap>", key: "template.jinja" }');
  }
  return {
    maxModelLen, gpuMemoryUtilization: u, dtype: opts.dtype, quantization: opts.quantization, maxNumSeqs: opts.maxNumSeqs,
    enablePrefixCaching: opts.enablePrefixCaching, ...(t ? { chatTemplatePath: `${CHAT_TEMPLATE_DIR}/${CHAT_TEMPLATE_FILE}` } : {}),
  };
}

/** The chat template's ConfigMap volume and read-only mount (none without `chatTemplate`). */
export function chatTemplateParts(o: VllmEngineOptions | undefined): { volumes: Volume[]; mounts: VolumeMount[] } {
  const t = o?.chatTemplate;
  if (!t) return { volumes: [], mounts: [] };
  return {
    volumes: [{ name: CHAT_TEMPLATE_VOLUME, configMap: { name: t.name, items: [{ key: t.key, path: CHAT_TEMPLATE_FILE }] } }],
    mounts: [{ name: CHAT_TEMPLATE_VOLUME, mountPath: CHAT_TEMPLATE_DIR, readOnly: true }],
  };
}
