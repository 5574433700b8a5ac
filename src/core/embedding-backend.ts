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
