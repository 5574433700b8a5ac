import { IMAGES, KSERVE_VERSION } from '../images';
import { Engine } from './engine';

/**
 * What every engine on KServe's Hugging Face runtime (`kserve-huggingfaceserver`) shares, whatever
 * its backend: the image pair, the runtime and its pinned `runtimeVersion`, port 8080, and the
 * runtime's routes (readiness `GET /v1/models/<name>` answers 200 once the model is loaded, liveness
 * `GET /`, OpenAI under `/openai/v1`). Facts: `../shared/reference/kserve.md` §2.5, §2.6.
 */
export const KSERVE_HUGGINGFACE_RUNTIME: Pick<Engine, 'image' | 'kserveRuntime' | 'defaultPort' | 'listenArgs' | 'routes'> = {
  image: gpus => (gpus > 0 ? IMAGES.kserveHuggingFaceGpu : IMAGES.kserveHuggingFace),
  kserveRuntime: {
    modelFormat: 'huggingface',
    runtime: 'kserve-huggingfaceserver',
    runtimeVersion: gpus => (gpus > 0 ? `${KSERVE_VERSION}-gpu` : KSERVE_VERSION),
  },
  defaultPort: 8080,
  listenArgs: () => [],
  routes: {
    startup: ctx => `/v1/models/${ctx.name}`,
    readiness: ctx => `/v1/models/${ctx.name}`,
    liveness: () => '/',
    metrics: '/metrics',
    openaiBase: '/openai/v1',
  },
};
