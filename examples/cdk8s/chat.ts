import { App, Chart } from 'cdk8s';
import { GpuNodePool, HuggingFaceModel, KnativeFeature, ModelCache, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * The `chat` program of API.md: GPU capacity as code, a predictor scheduled onto it, autoscaled
 * between 1 and 4 replicas, reachable only by the chat frontend. With `monitored`, Prometheus in
 * `monitoring` may scrape the pods, a PodMonitor and alert rules are created, and the autoscaler
 * follows vLLM's request queue instead of CPU. Replicas on several nodes share one cache, so its
 * claim is ReadWriteMany (a ReadWriteOnce cache, the default, is refused with more than one replica).
 */
export function chatChart(app: App, id: string, mode: ServingMode, monitored = false): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const l4 = new GpuNodePool(chart, 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
  const cache = new ModelCache(chart, 'qwen-7b-cache', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    size: '40Gi',
    accessModes: ['ReadWriteMany'],
    storageClassName: 'efs-sc',
  });
  new VllmPredictor(chart, 'chat', {
    model: cache.model,
    cache,
    gpus: 2,
    nodePool: l4,
    autoscaling: { minReplicas: 1, maxReplicas: 4 },
    // serverless: a NetworkPolicy cannot tell the clients behind Knative's activator apart, so allowFrom is refused there
    ...(mode === ServingMode.KSERVE_SERVERLESS ? {} : { allowFrom: [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }] }),
    mode,
    // serverless: the GPU pool's node affinity and tolerations need these Knative flags
    ...(mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_AFFINITY, KnativeFeature.PODSPEC_TOLERATIONS] } : {}),
    ...(monitored ? { monitoring: { namespace: 'monitoring' } } : {}),
  });
  return chart;
}
