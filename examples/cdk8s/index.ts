import { App, Chart } from 'cdk8s';
import { Environment, ServingMode } from 'hf-serving-constructs';
import { environmentChart } from './environments';
import { apiTourChart } from './api-tour';
import { chatChart } from './chat';
import { embeddingCacheChart } from './embedding-cache';
import { privateModelChart } from './private-model';
import { remoteCodeChart } from './remote-code';
import { modelCacheChart } from './model-cache';
import { externalSecretTokenChart } from './external-secret-token';
import { gteBaseChart, infinityChart, teiChart, vllmEmbeddingChart } from './embedding';
import { platformChart } from './platform';
import { modelSourcesChart } from './model-sources';
import { corporateProxyChart } from './corporate-proxy';
import { loraChart } from './lora';
import { meshChart, tlsChart } from './encrypted';
import { sglangChart } from './sglang';
import { torchServeChart, torchServeExplicitChart, torchServeVerifiedChart } from './torchserve';

/** Every example chart, by chart id. `npm run synth` writes each to `dist/<id>.k8s.yaml`. */
export const EXAMPLES: Readonly<Record<string, (app: App) => Chart>> = {
  'serving': apiTourChart,
  'falcon-7b-kserve': app => remoteCodeChart(app, 'falcon-7b-kserve', ServingMode.KSERVE),
  'falcon-7b-serverless': app => remoteCodeChart(app, 'falcon-7b-serverless', ServingMode.KSERVE_SERVERLESS),
  'falcon-7b-deployment': app => remoteCodeChart(app, 'falcon-7b-deployment', ServingMode.DEPLOYMENT),
  'private-llm-kserve': app => privateModelChart(app, 'private-llm-kserve', ServingMode.KSERVE),
  'private-llm-serverless': app => privateModelChart(app, 'private-llm-serverless', ServingMode.KSERVE_SERVERLESS),
  'private-llm-deployment': app => privateModelChart(app, 'private-llm-deployment', ServingMode.DEPLOYMENT),
  'qwen-cache-kserve': app => modelCacheChart(app, 'qwen-cache-kserve', ServingMode.KSERVE),
  'qwen-cache-serverless': app => modelCacheChart(app, 'qwen-cache-serverless', ServingMode.KSERVE_SERVERLESS),
  'qwen-cache-deployment': app => modelCacheChart(app, 'qwen-cache-deployment', ServingMode.DEPLOYMENT),
  'private-llm-external-secret-kserve': app => externalSecretTokenChart(app, 'private-llm-external-secret-kserve', ServingMode.KSERVE),
  'private-llm-external-secret-serverless': app => externalSecretTokenChart(app, 'private-llm-external-secret-serverless',
    ServingMode.KSERVE_SERVERLESS),
  'private-llm-external-secret-deployment': app => externalSecretTokenChart(app, 'private-llm-external-secret-deployment', ServingMode.DEPLOYMENT),
  'chat-kserve': app => chatChart(app, 'chat-kserve', ServingMode.KSERVE),
  'chat-serverless': app => chatChart(app, 'chat-serverless', ServingMode.KSERVE_SERVERLESS),
  'chat-deployment': app => chatChart(app, 'chat-deployment', ServingMode.DEPLOYMENT),
  'chat-monitored-kserve': app => chatChart(app, 'chat-monitored-kserve', ServingMode.KSERVE, true),
  'chat-monitored-deployment': app => chatChart(app, 'chat-monitored-deployment', ServingMode.DEPLOYMENT, true),
  'gte-base-kserve': app => gteBaseChart(app, 'gte-base-kserve', ServingMode.KSERVE),
  'gte-base-deployment': app => gteBaseChart(app, 'gte-base-deployment', ServingMode.DEPLOYMENT),
  'gte-base-tei-kserve': app => teiChart(app, 'gte-base-tei-kserve', ServingMode.KSERVE),
  'gte-base-infinity-deployment': app => infinityChart(app, 'gte-base-infinity-deployment', ServingMode.DEPLOYMENT),
  'gte-base-vllm-kserve': app => vllmEmbeddingChart(app, 'gte-base-vllm-kserve', ServingMode.KSERVE),
  'resnet-kserve': app => torchServeChart(app, 'resnet-kserve', ServingMode.KSERVE),
  'resnet-deployment': app => torchServeChart(app, 'resnet-deployment', ServingMode.DEPLOYMENT),
  'resnet-verified-deployment': app => torchServeVerifiedChart(app, 'resnet-verified-deployment', ServingMode.DEPLOYMENT),
  'resnet-explicit-deployment': app => torchServeExplicitChart(app, 'resnet-explicit-deployment'),
  'bge-cache-infinity-kserve': app => embeddingCacheChart(app, 'bge-cache-infinity-kserve', ServingMode.KSERVE),
  'bge-cache-infinity-serverless': app => embeddingCacheChart(app, 'bge-cache-infinity-serverless', ServingMode.KSERVE_SERVERLESS),
  'chat-dev': app => environmentChart(app, Environment.DEV),
  'chat-prod': app => environmentChart(app, Environment.PROD),
  'bge-cache-infinity-deployment': app => embeddingCacheChart(app, 'bge-cache-infinity-deployment', ServingMode.DEPLOYMENT),
  'platform-kserve': app => platformChart(app, 'platform-kserve', ServingMode.KSERVE),
  'platform-serverless': app => platformChart(app, 'platform-serverless', ServingMode.KSERVE_SERVERLESS),
  'platform-deployment': app => platformChart(app, 'platform-deployment', ServingMode.DEPLOYMENT),
  'model-sources-kserve': app => modelSourcesChart(app, 'model-sources-kserve', ServingMode.KSERVE),
  'model-sources-deployment': app => modelSourcesChart(app, 'model-sources-deployment', ServingMode.DEPLOYMENT),
  'corporate-proxy-kserve': app => corporateProxyChart(app, 'corporate-proxy-kserve', ServingMode.KSERVE),
  'corporate-proxy-deployment': app => corporateProxyChart(app, 'corporate-proxy-deployment', ServingMode.DEPLOYMENT),
  'lora-kserve': app => loraChart(app, 'lora-kserve', ServingMode.KSERVE),
  'lora-deployment': app => loraChart(app, 'lora-deployment', ServingMode.DEPLOYMENT),
  'lora-serverless': app => loraChart(app, 'lora-serverless', ServingMode.KSERVE_SERVERLESS),
  'tls-kserve': app => tlsChart(app, 'tls-kserve', ServingMode.KSERVE),
  'tls-deployment': app => tlsChart(app, 'tls-deployment', ServingMode.DEPLOYMENT),
  'mesh-serverless': app => meshChart(app, 'mesh-serverless', ServingMode.KSERVE_SERVERLESS),
  'mesh-deployment': app => meshChart(app, 'mesh-deployment', ServingMode.DEPLOYMENT),
  'chat-sglang-kserve': app => sglangChart(app, 'chat-sglang-kserve', ServingMode.KSERVE),
  'chat-sglang-serverless': app => sglangChart(app, 'chat-sglang-serverless', ServingMode.KSERVE_SERVERLESS),
  'chat-sglang-deployment': app => sglangChart(app, 'chat-sglang-deployment', ServingMode.DEPLOYMENT),
};
