import { App, Chart } from 'cdk8s';
import {
  EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, KnativeFeature, ServingMode, VllmPredictor,
} from 'hf-serving-constructs';

/**
 * Day-two props platform teams set on every workload: labels and annotations (objects and pods),
 * a private registry's pull secret, priority, node selection and tolerations, a cloud identity for
 * model storage (IRSA annotation on the created ServiceAccount; still no API token in the pod),
 * read-only extra files, and environment from ConfigMaps under a prefix of their own or by key.
 * In KSERVE_SERVERLESS mode, the scheduling fields need their Knative feature flags: the chart
 * declares the ones its cluster enables. The assistant also sets typed vLLM engine options, with its
 * chat template read from a ConfigMap key.
 */
export function platformChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const serverless = mode === ServingMode.KSERVE_SERVERLESS;
  const platform = {
    metadata: { labels: { 'team': 'search', 'example.com/cost-center': 'ml-42' },
      annotations: { 'example.com/owner': 'search-platform@example.com' } },
    podMetadata: { labels: { 'example.com/data-class': 'internal' } },
    imagePullSecrets: ['registry-credentials'],
    priorityClassName: 'ml-serving-high',
    nodeSelector: { 'example.com/node-class': 'inference' },
    tolerations: [{ key: 'example.com/dedicated', operator: 'Equal' as const, value: 'inference', effect: 'NoSchedule' as const }],
    ...(serverless ? {
      knativeFeatures: [
        KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME, KnativeFeature.PODSPEC_NODE_SELECTOR, KnativeFeature.PODSPEC_TOLERATIONS,
      ],
    } : {}),
    mode,
  };
  new HuggingFaceEmbeddingService(chart, 'search-embed', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    backend: EmbeddingBackend.TEI,
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/search-models-read' } },
    envFrom: [{ configMap: 'search-embed-settings', keys: ['LOG_FORMAT'] }],
    ...platform,
  });
  new VllmPredictor(chart, 'assistant', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    gpus: 1,
    volumes: [{ name: 'prompts', configMap: { name: 'assistant-prompts' } }],
    volumeMounts: [{ name: 'prompts', mountPath: '/etc/hf-serving/prompts' }],
    envFrom: [{ configMap: 'assistant-app-settings', prefix: 'APP_' }],
    // outside the cluster through the shared Gateway's HTTPS listener (Knative has its own ingress)
    ...(serverless ? {} : {
      expose: { gateway: { name: 'public', namespace: 'gateway-system', sectionName: 'https' }, hostnames: ['assistant.example.com'] },
    }),
    engineOptions: {
      dtype: 'bfloat16', maxModelLen: 8192, maxNumSeqs: 64, gpuMemoryUtilization: 0.85, enablePrefixCaching: true,
      chatTemplate: { name: 'assistant-prompts', key: 'chat-template.jinja' },
    },
    ...platform,
  });
  return chart;
}
