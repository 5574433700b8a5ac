import { App, Chart } from 'cdk8s';
import {
  EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, KnativeFeature, ServingMode, TorchServePredictor, VllmPredictor,
} from 'hf-serving-constructs';

/**
 * Encrypted traffic to the models (scenario 3 asks for TLS). The engines that terminate TLS
 * themselves get a certificate from the cluster's cert-manager CA: vLLM (`--ssl-keyfile`,
 * `--ssl-certfile`; in KServe mode the upstream vLLM server runs as the predictor, since KServe's
 * runtime has no TLS) and TorchServe (`https` inference address). Their probes use HTTPS.
 */
export function tlsChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const tls = { certificate: { issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' as const } } };
  new VllmPredictor(chart, 'assistant', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    gpus: 1,
    tls,
    mode,
  });
  new TorchServePredictor(chart, 'resnet', { storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], tls, mode });
  return chart;
}

/**
 * Engines without TLS of their own (TEI here), and serverless mode, where Knative's queue-proxy
 * talks plain HTTP to the container: Istio's sidecars encrypt and authenticate instead. A STRICT
 * PeerAuthentication admits only mTLS from mesh workloads; the pods ask for the sidecar and may
 * reach istiod. The namespace's clients (and, serverless, Knative's activator) must be in the mesh.
 */
export function meshChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new HuggingFaceEmbeddingService(chart, 'docs-embed', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    backend: EmbeddingBackend.TEI,
    mesh: 'istio',
    mode,
    ...(mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] } : {}),
  });
  return chart;
}
