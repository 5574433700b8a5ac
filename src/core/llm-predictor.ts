import { Engine } from './engines/engine';
import { SGLANG } from './engines/sglang';
import { ValidationError } from './errors';
import { LlmEngine } from './llm-engine';
import { ServingContext } from './context';
import { RenderedServing, renderServing, ServingFamily } from './serving';
import { ServingMode } from './serving-mode';
import { VllmEngineOptions } from './vllm-engine-options';
import { VLLM_PREDICTOR, VllmPredictorProps } from './vllm-predictor';

/** Props of `LlmPredictor`: the props of `VllmPredictor`, plus the engine. */
export interface LlmPredictorProps extends VllmPredictorProps {
  /**
   * The serving engine. `maxModelLen` and `gpuMemoryUtilization` map to each engine's own flags
   * (SGLang: `--context-length`, `--mem-fraction-static`).
   * @default LlmEngine.VLLM
   */
  readonly engine?: LlmEngine;
}

/** The engine profile of an `LlmEngine` in a mode; everything else about it is in its engine module. */
const ENGINES: Readonly<Record<LlmEngine, (mode: ServingMode, props: LlmPredictorProps) => Engine>> = {
  [LlmEngine.VLLM]: (mode, props) => VLLM_PREDICTOR.engineFor(mode, props),
  [LlmEngine.SGLANG]: () => SGLANG,
};

/**
 * Engine options an engine does not take from `engineOptions`: refused rather than dropped. SGLang
 * reads `dtype`, `quantization`, `maxNumSeqs` (`--max-running-requests`), `maxModelLen` and
 * `gpuMemoryUtilization` (see its engine module); prefix caching and chat templates are not mapped.
 */
const UNMAPPED: Readonly<Record<LlmEngine, readonly (keyof VllmEngineOptions)[]>> = {
  [LlmEngine.VLLM]: [],
  [LlmEngine.SGLANG]: ['enablePrefixCaching', 'chatTemplate'],
};

/** LlmPredictor as data: VllmPredictor's family with the engine chosen by `engine`. */
export const LLM_PREDICTOR: ServingFamily<LlmPredictorProps> = {
  ...VLLM_PREDICTOR,
  construct: 'LlmPredictor',
  engineFor: (mode, props) => (ENGINES[props.engine ?? LlmEngine.VLLM] ?? ENGINES[LlmEngine.VLLM])(mode, props),
  tuning: (p, path) => {
    if (p.engine !== undefined && !Object.values(LlmEngine).includes(p.engine)) {
      const choices = Object.values(LlmEngine).map(e => `LlmEngine.${e}`).join(', ');
      throw new ValidationError(path, 'engine', p.engine, 'is not an LlmEngine', `use one of ${choices}`);
    }
    for (const option of UNMAPPED[p.engine ?? LlmEngine.VLLM]) {
      const value = p.engineOptions?.[option];
      if (value !== undefined) {
        throw new ValidationError(path, `engineOptions.${option}`, value, `has no ${p.engine} flag this library sets`,
          `remove it, or pass the engine's own flag in extraArgs`);
      }
    }
    return VLLM_PREDICTOR.tuning(p, path);
  },
  // the LoRA flags are vLLM's; SGLang's adapter flags are not mapped
  adapters: (p, ctx) => {
    if ((p.engine ?? LlmEngine.VLLM) !== LlmEngine.VLLM && p.loraAdapters !== undefined) {
      throw new ValidationError(ctx.path, 'loraAdapters', p.loraAdapters.map(a => a?.name),
        `are not mapped to LlmEngine.${p.engine} flags by this library`,
        'use engine: LlmEngine.VLLM, or pass the engine\'s own adapter flags in extraArgs');
    }
    return VLLM_PREDICTOR.adapters!(p, ctx);
  },
};

/** Render an LlmPredictor. */
export function renderLlmPredictor(props: LlmPredictorProps, ctx: ServingContext): RenderedServing {
  return renderServing(LLM_PREDICTOR, props, ctx);
}
