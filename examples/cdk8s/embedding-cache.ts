import { App, Chart } from 'cdk8s';
import {
  EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, ModelCache, SecretRef, ServingMode,
} from 'hf-serving-constructs';

/**
 * Scenario 4: offline embeddings on Infinity from a cache filled once by a download Job (the only
 * holder of the token). The server gets no token, `HF_HUB_OFFLINE=1`, read-only weights and no
 * egress but DNS.
 */
export function embeddingCacheChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const cache = new ModelCache(chart, 'bge-cache', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    size: '10Gi',
    preloadWith: EmbeddingBackend.INFINITY, // the Job proves Infinity can load the files before marking the cache complete
  });
  new HuggingFaceEmbeddingService(chart, 'bge', {
    model: cache.model,
    backend: EmbeddingBackend.INFINITY,
    cache,
    // serverless: KServe mounts the cache from storageUri pvc:// (no Knative flag needed)
    mode,
  });
  return chart;
}
