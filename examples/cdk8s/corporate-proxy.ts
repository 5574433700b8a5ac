import { App, Chart } from 'cdk8s';
import {
  EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, ModelCache, SecretRef, ServingMode, VllmPredictor,
} from 'hf-serving-constructs';

/**
 * A corporate network: the Hub is reachable only through a TLS-inspecting proxy whose CA sits in a
 * ConfigMap key. Only the download steps get the proxy (its variables and the CA bundle mounted
 * read-only): the ModelCache Job, and the assistant's in-pod download step. Their egress opens the
 * proxy's port instead of HTTPS to the internet; the servers themselves never see the proxy.
 */
export function corporateProxyChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const downloadProxy = {
    httpsProxy: 'http://proxy.corp.example:3128',
    noProxy: '.svc,.cluster.local',
    caBundle: { name: 'corp-proxy-ca', key: 'ca.crt' },
  };
  const cache = new ModelCache(chart, 'bge-cache', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    size: '5Gi',
    downloadProxy,
  });
  new HuggingFaceEmbeddingService(chart, 'docs-embed', { model: cache.model, cache, backend: EmbeddingBackend.TEI, mode });
  new VllmPredictor(chart, 'assistant', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    hfToken: SecretRef.of('hf-token', 'HF_TOKEN'),
    gpus: 1,
    downloadProxy,
    mode,
  });
  return chart;
}
