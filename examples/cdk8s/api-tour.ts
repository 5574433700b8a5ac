import { App, Chart } from 'cdk8s';
import {
  VllmPredictor, HuggingFaceEmbeddingService, TorchServePredictor, GpuNodePool, ModelCache,
  HuggingFaceModel, SecretRef, ServingMode, EmbeddingBackend, checkManifests, Finding,
} from 'hf-serving-constructs';

/** Findings of the policy checks over the API tour chart, filled when the chart is built. */
export const apiTourFindings: Finding[] = [];

/**
 * The whole program of the API design, as written there (but for the chat model's shared cache, see
 * below): the public contract, synthesized.
 */
export function apiTourChart(app: App): Chart {
  const chart = new Chart(app, 'serving', { namespace: 'ml-serving' });

  // A model with custom code on the Hub: refused unless the revision is a pinned 40-hex commit.
  new VllmPredictor(chart, 'falcon-7b', {
    model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', {
      revision: '9cbb1610be271fd06576e7e00f60e75612d53a4d',
      trustRemoteCode: true,
    }),
    gpus: 1,
    mode: ServingMode.KSERVE,
  });

  // A gated model (its license accepted on the Hub): the token is a reference to a Secret, never a literal.
  new VllmPredictor(chart, 'private-llm', {
    model: HuggingFaceModel.fromHub('meta-llama/Llama-3.1-8B-Instruct', { revision: '0e9e39f249a16976918f6564b8830bc894c89659' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    apiKey: SecretRef.of('llm-api-key', 'key'),
    gpus: 1,
  });

  // GPU capacity as code, and a predictor scheduled onto it, autoscaled and reachable only by the pods it names.
  // Unlike API.md, its replicas share a ReadWriteMany cache: several replicas on the ReadWriteOnce
  // cache a model gets by default are refused (the library cannot know they would share one node).
  const l4 = new GpuNodePool(chart, 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
  const chatCache = new ModelCache(chart, 'qwen-7b-cache', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    size: '40Gi',
    accessModes: ['ReadWriteMany'],
    storageClassName: 'efs-sc',
  });
  new VllmPredictor(chart, 'chat', {
    model: chatCache.model,
    cache: chatCache,
    gpus: 2,
    nodePool: l4,
    autoscaling: { minReplicas: 1, maxReplicas: 4 },
    allowFrom: [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }],
  });

  // Embeddings (the gte-base deployment), with the V1, V2 and OpenAI endpoints reported.
  const gte = new HuggingFaceEmbeddingService(chart, 'embedding', {
    model: HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' }),
    backend: EmbeddingBackend.KSERVE,
    resources: { cpu: '2', memory: '8Gi' },
  });
  void gte.endpoints; // e.g. { url, v1Predict, v2Infer, openaiEmbeddings }

  // Offline serving: a cache filled once by a download Job (the only holder of the token);
  // the server gets no token, HF_HUB_OFFLINE=1 and no egress but DNS.
  const cache = new ModelCache(chart, 'bge-cache', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    size: '10Gi',
  });
  new HuggingFaceEmbeddingService(chart, 'bge', {
    model: cache.model,
    backend: EmbeddingBackend.INFINITY,
    cache,
  });

  // TorchServe with the model API off: models load at start and cannot be changed at run time.
  new TorchServePredictor(chart, 'resnet', {
    storageUri: 'pvc://model-store/resnet',
    models: ['resnet-18.mar'],
  });

  // The same cache serves an LLM: no token, offline, read-only weights.
  const qwenCache = new ModelCache(chart, 'qwen-cache', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    size: '20Gi',
  });
  new VllmPredictor(chart, 'small-llm', { model: qwenCache.model, cache: qwenCache, gpus: 1 });

  // Policy checks over any objects, ours or not.
  const findings = checkManifests(chart.toJson());
  apiTourFindings.splice(0, apiTourFindings.length, ...findings);

  return chart;
}
