import { App, Chart } from 'cdk8s';
import { HubTokenExternalSecret, HuggingFaceModel, SecretStoreKind, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * Scenario 2 with the token kept in an external secret store: the External Secrets Operator copies
 * it from the ClusterSecretStore `vault` into Secret `hf-token` (key `HF_TOKEN`). Because the key is
 * `HF_TOKEN`, KServe's own storage initializer downloads `hf://` with it in the KServe modes (the
 * Secret is listed on the ServiceAccount); in DEPLOYMENT mode the library's download init container
 * holds it. The serving container never does.
 */
export function externalSecretTokenChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const token = new HubTokenExternalSecret(chart, 'hf-token', {
    storeName: 'vault',
    storeKind: SecretStoreKind.CLUSTER_SECRET_STORE,
    remoteKey: 'ml/huggingface',
    remoteProperty: 'token',
  });
  new VllmPredictor(chart, 'private-llm', {
    model: HuggingFaceModel.fromHub('meta-llama/Llama-3.1-8B-Instruct', { revision: '0e9e39f249a16976918f6564b8830bc894c89659' }),
    hfToken: token.secretRef,
    gpus: 1,
    mode,
  });
  return chart;
}
