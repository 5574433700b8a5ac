import { App, Chart } from 'cdk8s';
import { Environment, HuggingFaceModel, ModelCache, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * One program, one chart per environment: the same chat model with `Environment.DEV` (one replica,
 * no autoscaler, no monitoring) or `Environment.PROD` (2–4 replicas on vLLM's queue metric, spread,
 * PodMonitor and alerts). The props written here override the preset's defaults. The replicas share
 * one ReadWriteMany cache (production's replicas run on several nodes).
 */
export function environmentChart(app: App, env: Environment): Chart {
  const chart = new Chart(app, `chat-${env.name}`, { namespace: `ml-serving-${env.name}` });
  const cache = new ModelCache(chart, 'qwen-7b-cache', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    size: '40Gi',
    accessModes: ['ReadWriteMany'],
    storageClassName: 'efs-sc',
  });
  new VllmPredictor(chart, 'chat', env.apply({
    model: cache.model,
    cache,
    gpus: 1,
    mode: ServingMode.KSERVE,
    allowFrom: [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }],
  }));
  return chart;
}
