import { EngineModule } from './engine';
import { INFINITY_MODULE } from './infinity';
import { KSERVE_HUGGINGFACE_MODULE } from './kserve-huggingface';
import { TEI_MODULE } from './tei';
import { TORCHSERVE_MODULE } from './torchserve';
import { SGLANG_MODULE } from './sglang';
import { VLLM_MODULE } from './vllm';

/**
 * Every engine the library knows, one module each. Policy checks recognise a container by the first
 * module whose signature matches, so the order is the order of recognition.
 */
export const ENGINE_MODULES: readonly EngineModule[] = [
  VLLM_MODULE,
  KSERVE_HUGGINGFACE_MODULE,
  TEI_MODULE,
  INFINITY_MODULE,
  TORCHSERVE_MODULE,
  SGLANG_MODULE,
];
