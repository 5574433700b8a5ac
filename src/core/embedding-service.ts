import { EMBEDDING_BACKENDS, EmbeddingBackend } from './embedding-backend';
import { Engine } from './engines/engine';
import { ValidationError } from './errors';
import { RenderedServing, renderServing, ServingContext, ServingFamily } from './serving';
import { ServingProps } from './serving-props';
import { INT32_MAX } from './shapes';

export { EMBEDDING_BACKENDS };

/** TEI pooling methods (`--pooling`). */
export type TeiPooling = 'cls' | 'mean' | 'splade' | 'last-token';

/** Props of `HuggingFaceEmbeddingService`: the shared serving props plus the embedding backend's knobs. */
export interface HuggingFaceEmbeddingServiceProps extends ServingProps {
  /**
   * The server.
   * @default EmbeddingBackend.KSERVE
   */
  readonly backend?: EmbeddingBackend;
  /**
   * Roll out with a rolling update, so the Service keeps answering during a rollout, but for that
   * time serves vectors from the old and the new model side by side (they do not mix).
   * @default false - `Recreate`: old pods stop before new ones start
   */
  readonly rollingUpdate?: boolean;
  /**
   * TEI only: pooling method (`--pooling`), overriding the model's pooling configuration.
   * @default - the model's own pooling configuration
   */
  readonly pooling?: TeiPooling;
  /**
   * INFINITY only: maximum batch size (`--batch-size`).
   * @default - Infinity's default (32)
   */
  readonly batchSize?: number;
  /**
   * KSERVE and VLLM only: maximum input length in tokens (`--max_model_len` / `--max-model-len`).
   * @default - the model's own maximum
   */
  readonly maxModelLen?: number;
}

/** Where each protocol of an embedding service answers: the service URL and paths on it. */
export interface EmbeddingEndpoints {
  /** In-cluster URL of the service root. */
  readonly url: string;
  /** OpenAI-compatible embeddings: `POST {"model": "<name>", "input": [...]}`. Every backend has it. */
  readonly openaiEmbeddings: string;
  /** KServe V1 predict: `POST {"instances": [...]}` (KSERVE backend only). */
  readonly v1Predict?: string;
  /** Open Inference Protocol V2: `POST` with a BYTES input (KSERVE backend only). */
  readonly v2Infer?: string;
  /** TEI's native `POST {"inputs": [...]}` (TEI backend only). */
  readonly embed?: string;
  /** The readiness route the probes use (answers once the model is loaded). */
  readonly health: string;
  /** Prometheus metrics. */
  readonly metrics: string;
}

type BackendOption = 'pooling' | 'batchSize' | 'maxModelLen';
const ALL_OPTIONS: readonly BackendOption[] = ['pooling', 'batchSize', 'maxModelLen'];


/** The backend's own props: those its engine owns a flag for. */
function takesOption(engine: Engine, option: BackendOption): boolean {
  return Object.values(engine.ownedFlags).includes(option);
}

const TEI_POOLING: readonly TeiPooling[] = ['cls', 'mean', 'splade', 'last-token'];

function backendOf(p: HuggingFaceEmbeddingServiceProps): EmbeddingBackend {
  return p.backend ?? EmbeddingBackend.KSERVE;
}

/**
 * HuggingFaceEmbeddingService as data. Every mode runs the backend's own engine: the KSERVE backend
 * is a KServe runtime (and the same server image as a plain Deployment); TEI, Infinity and vLLM run
 * as KServe custom predictor containers in the KServe modes. CPU by default (2 CPU, 8 GiB, the
 * gte-base sizing). Rollouts use `Recreate` unless `rollingUpdate` is set.
 */
export const EMBEDDING_SERVICE: ServingFamily<HuggingFaceEmbeddingServiceProps> = {
  construct: 'HuggingFaceEmbeddingService',
  component: 'embedding',
  minGpus: 0,
  defaultGpus: 0,
  defaultResources: { cpu: '2', memory: '8Gi' },
  engineFor: (_mode, props) => EMBEDDING_BACKENDS[backendOf(props)] ?? EMBEDDING_BACKENDS[EmbeddingBackend.KSERVE],
  tuning: (p, path) => {
    const backend = backendOf(p);
    const spec = EMBEDDING_BACKENDS[backend];
    if (!spec) {
      throw new ValidationError(path, 'backend', backend, 'is not an EmbeddingBackend',
        `use one of ${Object.values(EmbeddingBackend).map(b => `EmbeddingBackend.${b}`).join(', ')}`);
    }
    for (const option of ALL_OPTIONS) {
      if (p[option] !== undefined && !takesOption(spec, option)) {
        const owners = Object.entries(EMBEDDING_BACKENDS).filter(([, e]) => takesOption(e, option)).map(([b]) => `EmbeddingBackend.${b}`);
        throw new ValidationError(path, option, p[option], `is not an option of the ${backend} backend`,
          `remove it, or use backend: ${owners.join(' or ')}`);
      }
    }
    if (p.model?.trustRemoteCode && spec.switches.trustRemoteCode.on.length === 0) {
      throw new ValidationError(path, 'model.trustRemoteCode', true, `cannot be honoured by the ${backend} backend, which runs no repository code`,
        'drop trustRemoteCode, or use backend: EmbeddingBackend.KSERVE, INFINITY or VLLM');
    }
    if (p.apiKey && !spec.switches.apiKeyEnv) {
      throw new ValidationError(path, 'apiKey', p.apiKey.name,
        `is not checked by the ${backend} backend (KServe's Hugging Face runtime has no API key)`,
        'use backend: EmbeddingBackend.TEI, INFINITY or VLLM, which check keys, or enforce keys at a gateway');
    }
    const gpus = p.gpus ?? 0;
    const minGpus = spec.minGpus ?? 0;
    if (gpus < minGpus) {
      throw new ValidationError(path, 'gpus', gpus, `is too few for the ${backend} backend (its image is CUDA-only)`,
        `set gpus: ${minGpus} or more, or use a CPU backend (KSERVE, TEI, INFINITY)`);
    }
    if (p.pooling !== undefined && !TEI_POOLING.includes(p.pooling)) {
      throw new ValidationError(path, 'pooling', p.pooling, 'is not a TEI pooling method', `use one of ${TEI_POOLING.join(', ')}`);
    }
    for (const field of ['batchSize', 'maxModelLen'] as const) {
      const v = p[field];
      if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > INT32_MAX)) {
        throw new ValidationError(path, field, v, 'is not a positive integer',
          field === 'batchSize' ? 'give a batch size such as 32' : 'give a length in tokens such as 512');
      }
    }
    if (p.rollingUpdate !== undefined && typeof p.rollingUpdate !== 'boolean') {
      throw new ValidationError(path, 'rollingUpdate', p.rollingUpdate, 'is not a boolean', 'set true or false');
    }
    return { pooling: p.pooling, batchSize: p.batchSize, maxModelLen: p.maxModelLen };
  },
  recreate: p => p.rollingUpdate !== true,
};

/** A rendered embedding service with its endpoints. */
export interface RenderedEmbeddingService extends RenderedServing {
  /** The URL and the path of each protocol. */
  readonly endpoints: EmbeddingEndpoints;
}

/** Render a HuggingFaceEmbeddingService. */
export function renderEmbeddingService(props: HuggingFaceEmbeddingServiceProps, ctx: ServingContext): RenderedEmbeddingService {
  const r = renderServing(EMBEDDING_SERVICE, props, ctx);
  const routes = r.engine.routes;
  const engineCtx = { name: ctx.name, modelPath: '', gpus: 0, port: r.port, tuning: {} };
  const endpoints: EmbeddingEndpoints = {
    url: r.url,
    openaiEmbeddings: `${routes.openaiBase}/embeddings`,
    ...routes.native?.(ctx),
    health: routes.readiness(engineCtx),
    metrics: routes.metrics,
  };
  return { ...r, endpoints };
}
