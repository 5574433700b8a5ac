import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, KnativeFeature, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * Scenario 1: a model that ships its own Python code (falcon-7b-instruct). Remote code runs only
 * because the revision is a pinned commit; the code and tokenizer are pinned to the same commit.
 * The pod runs under the gVisor RuntimeClass, so that code meets a second kernel boundary (in
 * KSERVE_SERVERLESS mode the cluster must enable Knative's runtimeClassName feature, declared here).
 */
export function remoteCodeChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'falcon-7b', {
    model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', {
      revision: '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5',
      trustRemoteCode: true,
    }),
    gpus: 1,
    runtimeClassName: 'gvisor',
    ...(mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME] } : {}),
    mode,
  });
  return chart;
}
