import { App, Chart } from 'cdk8s';
import { Environment, HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * One program, one chart per environment: the same chat model with `Environment.DEV` (one replica,
 * no autoscaler, no monitoring) or `Environment.PROD` (2–4 replicas on vLLM's queue metric, spread,
 * PodMonitor and alerts). The props written here override the preset's defaults.
 */
export function environmentChart(app: App, env: Environment): Chart {
  const chart = new Chart(app, `chat-${env.name}`, { namespace: `ml-serving-${env.name}` });
  new VllmPredictor(chart, 'chat', env.apply({
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    gpus: 1,
    mode: ServingMode.KSERVE,
    allowFrom: [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }],
  }));
  return chart;
}
