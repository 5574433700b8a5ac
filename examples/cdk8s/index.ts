import { App, Chart } from 'cdk8s';
import { ServingMode } from 'hf-serving-constructs';
import { gteBaseChart, infinityChart, teiChart, vllmEmbeddingChart } from './embedding';
import { privateModelChart } from './private-model';
import { remoteCodeChart } from './remote-code';
import { torchServeChart, torchServeExplicitChart, torchServeVerifiedChart } from './torchserve';

/** Every example chart, by chart id. `npm run synth` writes each to `dist/<id>.k8s.yaml`. */
export const EXAMPLES: Readonly<Record<string, (app: App) => Chart>> = {
  'falcon-7b-kserve': app => remoteCodeChart(app, 'falcon-7b-kserve', ServingMode.KSERVE),
  'falcon-7b-serverless': app => remoteCodeChart(app, 'falcon-7b-serverless', ServingMode.KSERVE_SERVERLESS),
  'falcon-7b-deployment': app => remoteCodeChart(app, 'falcon-7b-deployment', ServingMode.DEPLOYMENT),
  'private-llm-kserve': app => privateModelChart(app, 'private-llm-kserve', ServingMode.KSERVE),
  'private-llm-serverless': app => privateModelChart(app, 'private-llm-serverless', ServingMode.KSERVE_SERVERLESS),
  'private-llm-deployment': app => privateModelChart(app, 'private-llm-deployment', ServingMode.DEPLOYMENT),
  'gte-base-kserve': app => gteBaseChart(app, 'gte-base-kserve', ServingMode.KSERVE),
  'gte-base-deployment': app => gteBaseChart(app, 'gte-base-deployment', ServingMode.DEPLOYMENT),
  'gte-base-tei-kserve': app => teiChart(app, 'gte-base-tei-kserve', ServingMode.KSERVE),
  'gte-base-infinity-deployment': app => infinityChart(app, 'gte-base-infinity-deployment', ServingMode.DEPLOYMENT),
  'gte-base-vllm-kserve': app => vllmEmbeddingChart(app, 'gte-base-vllm-kserve', ServingMode.KSERVE),
  'resnet-kserve': app => torchServeChart(app, 'resnet-kserve', ServingMode.KSERVE),
  'resnet-deployment': app => torchServeChart(app, 'resnet-deployment', ServingMode.DEPLOYMENT),
  'resnet-verified-deployment': app => torchServeVerifiedChart(app, 'resnet-verified-deployment', ServingMode.DEPLOYMENT),
  'resnet-explicit-deployment': app => torchServeExplicitChart(app, 'resnet-explicit-deployment'),
};
