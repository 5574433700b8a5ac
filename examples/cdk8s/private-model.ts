import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, SecretRef, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * Scenario 2: a model only a token can download (Llama 3.1 is gated: its license is accepted on the
 * Hub, then the account's token downloads it). The Hub token and the API key are references to Secrets; the token
 * reaches only the download step, the API key only the server.
 */
export function privateModelChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'private-llm', {
    model: HuggingFaceModel.fromHub('meta-llama/Llama-3.1-8B-Instruct', { revision: '0e9e39f249a16976918f6564b8830bc894c89659' }),
    hfToken: SecretRef.of('hf-secret', 'token'),
    apiKey: SecretRef.of('llm-api-key', 'key'),
    gpus: 1,
    mode,
  });
  return chart;
}
