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
      revision: '9cbb1610be271fd06576e7e00f60e75612d53a4d',
      trustRemoteCode: true,
    }),
    gpus: 1,
    runtimeClassName: 'gvisor',
    ...(mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME] } : {}),
    mode,
  });
  return chart;
}
