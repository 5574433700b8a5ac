import { KSERVE_HUGGINGFACE_VLLM } from './engines/kserve-huggingface';
import { VLLM } from './engines/vllm';
import { ValidationError } from './errors';
import { RenderedServing, renderServing, ServingContext, ServingFamily } from './serving';
import { ServingMode } from './serving-mode';
import { ServingProps } from './serving-props';
import { INT32_MAX } from './shapes';

/** Props of `VllmPredictor`: the shared serving props plus vLLM's own knobs. */
export interface VllmPredictorProps extends ServingProps {
  /**
   * Maximum context length (`--max-model-len`).
   * @default - the model's own maximum
   */
  readonly maxModelLen?: number;
  /**
   * Fraction of GPU memory vLLM may use (`--gpu-memory-utilization`), in (0, 1].
   * @default - vLLM's default (0.9)
   */
  readonly gpuMemoryUtilization?: number;
}

/**
 * VllmPredictor as data. Engines by mode: KServe modes use KServe's Hugging Face runtime with the
 * vLLM backend; that runtime cannot check an API key, so with `apiKey` the InferenceService runs the
 * upstream vLLM server as its predictor container instead. DEPLOYMENT always runs upstream vLLM.
 */
export const VLLM_PREDICTOR: ServingFamily<VllmPredictorProps> = {
  construct: 'VllmPredictor',
  component: 'predictor',
  minGpus: 1,
  defaultGpus: 1,
  defaultResources: { cpu: '4', memory: '32Gi' },
  engineFor: (mode, props) => (mode === ServingMode.DEPLOYMENT || props.apiKey ? VLLM : KSERVE_HUGGINGFACE_VLLM),
  tuning: (p, path) => {
    if (p.maxModelLen !== undefined && (!Number.isInteger(p.maxModelLen) || p.maxModelLen < 1 || p.maxModelLen > INT32_MAX)) {
      throw new ValidationError(path, 'maxModelLen', p.maxModelLen, 'is not a positive integer', 'give the context length in tokens, e.g. 8192');
    }
    const u = p.gpuMemoryUtilization;
    if (u !== undefined && (typeof u !== 'number' || !(u > 0 && u <= 1))) {
      throw new ValidationError(path, 'gpuMemoryUtilization', u, 'is not in (0, 1]', 'give a fraction such as 0.9');
    }
    return { maxModelLen: p.maxModelLen, gpuMemoryUtilization: u };
  },
};

/** Render a VllmPredictor. */
export function renderVllmPredictor(props: VllmPredictorProps, ctx: ServingContext): RenderedServing {
  return renderServing(VLLM_PREDICTOR, props, ctx);
}
