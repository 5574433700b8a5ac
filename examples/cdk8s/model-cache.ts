import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, ModelCache, SecretRef, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * Scenario 4: offline serving from a cache. A download Job (the only holder of the Hub token) fills
 * the claim once; the server mounts it read-only, runs offline with no token and DNS-only egress,
 * and starts only after the Job wrote its marker file.
 */
export function modelCacheChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const qwenCache = new ModelCache(chart, 'qwen-cache', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    size: '20Gi',
  });
  // serverless: KServe mounts the cache from storageUri pvc:// (no Knative flag needed)
  new VllmPredictor(chart, 'small-llm', { model: qwenCache.model, cache: qwenCache, gpus: 1, mode });
  return chart;
}
