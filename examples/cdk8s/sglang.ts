import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, LlmEngine, LlmPredictor, SecretRef, ServingMode } from 'hf-serving-constructs';

/**
 * A chat model served by SGLang instead of vLLM: the same props as `VllmPredictor`, plus
 * `engine: LlmEngine.SGLANG`. The API key comes from a Secret (SGLang reads it from `--api-key`,
 * which Kubernetes fills from an env var); only the chat frontend may connect.
 */
export function sglangChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new LlmPredictor(chart, 'chat-sglang', {
    engine: LlmEngine.SGLANG,
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    gpus: 1,
    maxModelLen: 8192,
    apiKey: SecretRef.of('chat-api-key', 'key'),
    // serverless: a NetworkPolicy cannot tell the clients behind Knative's activator apart, so allowFrom is refused there
    ...(mode === ServingMode.KSERVE_SERVERLESS ? {} : { allowFrom: [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }] }),
    mode,
  });
  return chart;
}
