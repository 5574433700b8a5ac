import { App, Chart } from 'cdk8s';
import { EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, SecretRef, ServingMode } from 'hf-serving-constructs';

/** thenlper/gte-base pinned to a commit (a BERT sentence-transformers model, safetensors). */
export const GTE_BASE = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });

/**
 * Scenario 5: the gte-base embedding service (2 CPU, 8 GiB, `text_embedding`) on KServe's Hugging
 * Face runtime, with the V1, V2 and OpenAI endpoints reported.
 */
export function gteBaseChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new HuggingFaceEmbeddingService(chart, 'embedding', {
    model: GTE_BASE,
    backend: EmbeddingBackend.KSERVE,
    resources: { cpu: '2', memory: '8Gi' },
    mode,
  });
  return chart;
}

/** The same model on TEI, with an API key by reference (TEI runs with LOG_LEVEL=warn so the key is never logged). */
export function teiChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new HuggingFaceEmbeddingService(chart, 'gte-tei', {
    model: GTE_BASE,
    backend: EmbeddingBackend.TEI,
    apiKey: SecretRef.of('embedding-api-key', 'key'),
    pooling: 'mean',
    mode,
  });
  return chart;
}

/** The same model on Infinity: `--no-trust-remote-code`, telemetry off, OpenAI route at `/v1/embeddings`. */
export function infinityChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new HuggingFaceEmbeddingService(chart, 'gte-infinity', {
    model: GTE_BASE,
    backend: EmbeddingBackend.INFINITY,
    batchSize: 32,
    mode,
  });
  return chart;
}

/** The same model on vLLM's pooling runner, on one GPU. */
export function vllmEmbeddingChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new HuggingFaceEmbeddingService(chart, 'gte-vllm', {
    model: GTE_BASE,
    backend: EmbeddingBackend.VLLM,
    gpus: 1,
    resources: { cpu: '4', memory: '16Gi' },
    mode,
  });
  return chart;
}
