import { KSERVE_HUGGINGFACE_VLLM } from './engines/kserve-huggingface';
import { VLLM } from './engines/vllm';
import { LoraAdapter, validateLoraAdapters } from './lora-adapters';
import { chatTemplateParts, resolveVllmEngineOptions, VllmEngineOptions } from './vllm-engine-options';
import { RenderedServing, renderServing, ServingContext, ServingFamily } from './serving';
import { ServingMode } from './serving-mode';
import { ServingProps } from './serving-props';
import { requireBoolean } from './shapes';

/** @default the value of `allowHuggingFaceFallback` when not given: the fallback fails the startup probe. */
const DEFAULT_ALLOW_HF_FALLBACK = false;

/** Props of `VllmPredictor`: the shared serving props plus vLLM's own knobs. */
export interface VllmPredictorProps extends ServingProps {
  /**
   * Maximum context length (`--max-model-len`); also `engineOptions.maxModelLen` (give one).
   * @default - the model's own maximum
   */
  readonly maxModelLen?: number;
  /**
   * Fraction of GPU memory vLLM may use (`--gpu-memory-utilization`), in (0, 1]; also `engineOptions.gpuMemoryUtilization` (give one).
   * @default - vLLM's default (0.9)
   */
  readonly gpuMemoryUtilization?: number;
  /**
   * Typed vLLM knobs (dtype, quantization, context length, batch size, GPU memory share, prefix
   * caching, a chat template from a ConfigMap), rendered as the dash-spelled vLLM flags in every mode.
   * @default - vLLM's defaults
   */
  readonly engineOptions?: VllmEngineOptions;
  /**
   * LoRA adapters served next to the base model, each under its name (`--enable-lora --lora-modules
   * name=path`), in every mode. They are delivered like the base model: pinned, safetensors only,
   * downloaded by the download Job of the model's ModelCache (the one made for the model, or a given
   * `cache` listing them in its `loraAdapters`) into the model's claim, read-only and offline in the
   * server, with no token and no egress there. With `allowServingPodEgressForDownload` they download
   * in the serving pod instead. Loading adapters at run time stays off
   * (`VLLM_ALLOW_RUNTIME_LORA_UPDATING` is refused). Rank above vLLM's default `--max-lora-rank` (16)
   * needs that flag in `extraArgs`.
   * @default - no adapters; LoRA off
   */
  readonly loraAdapters?: readonly LoraAdapter[];
  /**
   * KServe modes: accept KServe's silent fallback to its Hugging Face backend when vLLM does not
   * support the model's architecture. By default the startup probe fails instead (it passes only
   * when the runtime's `/metrics` shows vLLM's engine), so the pod restarts with the reason in its
   * events rather than serving without vLLM.
   * @default false
   */
  readonly allowHuggingFaceFallback?: boolean;
}

/**
 * VllmPredictor as data. Engines by mode: KServe modes use KServe's Hugging Face runtime with the
 * vLLM backend; that runtime cannot check an API key nor terminate TLS (kserve/kserve v0.20.0
 * `python/kserve/kserve/protocol/rest/server.py` starts uvicorn without SSL options), so with `apiKey` or
 * `tls` the InferenceService runs the upstream vLLM server as its predictor container instead. DEPLOYMENT always runs upstream vLLM.
 */
export const VLLM_PREDICTOR: ServingFamily<VllmPredictorProps> = {
  construct: 'VllmPredictor',
  component: 'predictor',
  minGpus: 1,
  defaultGpus: 1,
  defaultResources: { cpu: '4', memory: '32Gi' },
  engineFor: (mode, props) => (mode === ServingMode.DEPLOYMENT || props.apiKey || props.tls ? VLLM : KSERVE_HUGGINGFACE_VLLM),
  tuning: (p, path) => ({
    ...resolveVllmEngineOptions(path, p.engineOptions, { maxModelLen: p.maxModelLen, gpuMemoryUtilization: p.gpuMemoryUtilization }),
    vllmBackendCheck: !requireBoolean(path, 'allowHuggingFaceFallback', p.allowHuggingFaceFallback ?? DEFAULT_ALLOW_HF_FALLBACK),
  }),
  files: p => chatTemplateParts(p.engineOptions),
  adapters: (p, ctx) => validateLoraAdapters(p.loraAdapters, ctx),
};

/** Render a VllmPredictor. */
export function renderVllmPredictor(props: VllmPredictorProps, ctx: ServingContext): RenderedServing {
  return renderServing(VLLM_PREDICTOR, props, ctx);
}
