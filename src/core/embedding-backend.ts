import { Engine } from './engines/engine';
import { INFINITY } from './engines/infinity';
import { KSERVE_HUGGINGFACE_EMBEDDING } from './engines/kserve-huggingface';
import { TEI } from './engines/tei';
import { VLLM_POOLING } from './engines/vllm';

/** The server behind a `HuggingFaceEmbeddingService`. */
export enum EmbeddingBackend {
  /** KServe's Hugging Face runtime, `--backend=huggingface --task=text_embedding` (V1, V2 and OpenAI routes). */
  KSERVE = 'KSERVE',
  /** Hugging Face Text Embeddings Inference (`/embed`, OpenAI `/v1/embeddings`). */
  TEI = 'TEI',
  /** Infinity (`infinity_emb v2`, OpenAI `/v1/embeddings`). */
  INFINITY = 'INFINITY',
  /** vLLM's pooling runner (OpenAI `/v1/embeddings`); needs a GPU. */
  VLLM = 'VLLM',
}

/** The engine profile behind each backend; everything else about a backend is in its engine module. */
export const EMBEDDING_BACKENDS: Readonly<Record<EmbeddingBackend, Engine>> = {
  [EmbeddingBackend.KSERVE]: KSERVE_HUGGINGFACE_EMBEDDING,
  [EmbeddingBackend.TEI]: TEI,
  [EmbeddingBackend.INFINITY]: INFINITY,
  [EmbeddingBackend.VLLM]: VLLM_POOLING,
};
