import { HuggingFaceModel, KnativeFeature, SecretRef, ServingMode } from '../../src';
import { renderEmbeddingService } from '../../src/core/embedding-service';
import { KubeObject } from '../../src/core/kube';
import { PlatformOptions } from '../../src/core/platform';
import { existingGpuNodePool } from '../../src/core/gpu-node-pool';
import { renderTorchServePredictor } from '../../src/core/torchserve-predictor';
import { renderVllmPredictor } from '../../src/core/vllm-predictor';
import { envMap, only, podSpec, servingContainers } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const ctx = (name: string) => ({ path: `serving/${name}`, name, namespace: 'ml-serving' });
const RENDER: Readonly<Record<string, (p: PlatformOptions & { mode: ServingMode }) => { objects: KubeObject[] }>> = {
  VllmPredictor: p => renderVllmPredictor({ model, ...p }, ctx('chat')),
  HuggingFaceEmbeddingService: p => renderEmbeddingService({ model: HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' }), ...p }, ctx('embedding')),
  TorchServePredictor: p => renderTorchServePredictor({ storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], ...p }, ctx('resnet')),
};
const workload = (objects: KubeObject[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
/** Labels and annotations the pods of a workload get. */
const podMeta = (w: any) => (w.kind === 'InferenceService' ? { labels: w.spec.predictor.labels, annotations: w.spec.predictor.annotations } : w.spec.template.metadata);

const everything: PlatformOptions = {
  metadata: { labels: { team: 'search' }, annotations: { 'example.com/owner': 'search@example.com' } },
  podMetadata: { labels: { 'cost-center': 'ml-42' }, annotations: { 'example.com/scrape': 'false' } },
  imagePullSecrets: ['registry-credentials'],
  serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/models-read' } },
  volumes: [{ name: 'prompts', configMap: { name: 'chat-prompts' } }],
  volumeMounts: [{ name: 'prompts', mountPath: '/etc/hf-serving/prompts' }],
  envFrom: [{ configMap: 'app-settings', prefix: 'APP_' }, { configMap: 'log-settings', keys: ['LOG_FORMAT'] }],
};
const scheduling: PlatformOptions = {
  priorityClassName: 'ml-high', runtimeClassName: 'gvisor', nodeSelector: { 'example.com/zone-class': 'gpu' },
  tolerations: [{ key: 'example.com/dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
};

describe.each(Object.keys(RENDER))('%s', construct => {
  const render = RENDER[construct];
  // TorchServe refuses KSERVE_SERVERLESS on its own (its ready check needs a startup probe)
  const modes = Object.values(ServingMode).filter(m => !(construct === 'TorchServePredictor' && m === ServingMode.KSERVE_SERVERLESS));
  describe.each(modes)('in %s mode', mode => {
    const { objects } = render({ mode, ...everything });
    const w = workload(objects);
    const pod = podSpec(w);
    const server = servingContainers(w)[0] as any;

    test('metadata lands on every object; the construct\'s own labels stay', () => {
      for (const o of objects) {
        expect(o.metadata.labels).toMatchObject({ 'team': 'search', 'app.kubernetes.io/managed-by': 'hf-serving-constructs' });
        expect(o.metadata.annotations).toMatchObject({ 'example.com/owner': 'search@example.com' });
      }
    });

    test('podMetadata lands on the pods', () => {
      expect(podMeta(w).labels).toMatchObject({ 'cost-center': 'ml-42', 'app.kubernetes.io/instance': w.metadata.name });
      expect(podMeta(w).annotations).toMatchObject({ 'example.com/scrape': 'false' });
    });

    test('pull secrets, the annotated ServiceAccount without token, read-only extra mounts, envFrom after the construct\'s env', () => {
      expect(pod.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
      const sa = only(objects, 'ServiceAccount', w.metadata.name);
      expect(sa.metadata.annotations).toMatchObject({ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/models-read' });
      expect(sa.automountServiceAccountToken).toBe(false);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.serviceAccountName).toBe(sa.metadata.name);
      expect(pod.volumes).toContainEqual({ name: 'prompts', configMap: { name: 'chat-prompts' } });
      expect(server.volumeMounts).toContainEqual({ name: 'prompts', mountPath: '/etc/hf-serving/prompts', readOnly: true });
      expect(server.envFrom).toEqual([{ prefix: 'APP_', configMapRef: { name: 'app-settings' } }]);
      expect(envMap(server).LOG_FORMAT).toEqual({ configMapKeyRef: { name: 'log-settings', key: 'LOG_FORMAT' } });
      expect(server.env[server.env.length - 1].name).toBe('LOG_FORMAT');
    });

    test('an existing ServiceAccount by name: none created, the pod runs as it, still without token', () => {
      const r = render({ mode, serviceAccount: { name: 'models-reader' } });
      // only the download Job of a cache made for the model keeps its own ServiceAccount
      expect(r.objects.filter(o => o.kind === 'ServiceAccount').map(o => o.metadata.name)
        .filter(n => !n.endsWith('-model-download'))).toEqual([]);
      expect(podSpec(workload(r.objects)).serviceAccountName).toBe('models-reader');
      expect(podSpec(workload(r.objects)).automountServiceAccountToken).toBe(false);
    });

    if (mode === ServingMode.KSERVE_SERVERLESS) {
      test('scheduling props are refused naming the Knative feature, and rendered once declared', () => {
        expect(() => render({ mode, ...scheduling })).toThrow(/priorityClassName "ml-high" would be refused by Knative in KSERVE_SERVERLESS mode: it needs the config-features key "kubernetes.podspec-priorityclassname".*knativeFeatures: \[KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME\], or use ServingMode.KSERVE/);
        const features = [
          KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME, KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME,
          KnativeFeature.PODSPEC_NODE_SELECTOR, KnativeFeature.PODSPEC_TOLERATIONS,
        ];
        const p = podSpec(workload(render({ mode, ...scheduling, knativeFeatures: features }).objects));
        expect(p).toMatchObject({ priorityClassName: 'ml-high', runtimeClassName: 'gvisor', nodeSelector: { 'example.com/zone-class': 'gpu' } });
      });
    } else {
      test('scheduling props render on the pod', () => {
        const p = podSpec(workload(render({ mode, ...scheduling }).objects));
        expect(p).toMatchObject({
          priorityClassName: 'ml-high', runtimeClassName: 'gvisor', nodeSelector: { 'example.com/zone-class': 'gpu' },
          tolerations: [{ key: 'example.com/dedicated', operator: 'Equal', value: 'ml', effect: 'NoSchedule' }],
        });
      });
    }
  });
});

test('tolerations are merged with a node pool\'s, and a nodeSelector that contradicts the pool is refused', () => {
  const pool = existingGpuNodePool({ nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-L4' }, taints: [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }] } as never);
  const pod = podSpec(workload(renderVllmPredictor({ model, mode: ServingMode.DEPLOYMENT, nodePool: pool, ...scheduling }, ctx('chat')).objects));
  expect(pod.tolerations).toEqual([...pool.tolerations, ...scheduling.tolerations!]);
  expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions)
    .toEqual([{ key: 'nvidia.com/gpu.product', operator: 'In', values: ['NVIDIA-L4'] }]);
  expect(() => renderVllmPredictor({ model, nodePool: pool, nodeSelector: { 'nvidia.com/gpu.product': 'NVIDIA-A100' } }, ctx('chat')))
    .toThrow('serving/chat: nodeSelector["nvidia.com/gpu.product"] "NVIDIA-A100" contradicts the node pool');
});

test('refusals use the construct path and name the fix', () => {
  expect(() => renderVllmPredictor({ model, metadata: { labels: { 'app.kubernetes.io/name': 'x' } } }, ctx('chat')))
    .toThrow('serving/chat: metadata.labels["app.kubernetes.io/name"] "x" is a key the construct sets');
  expect(() => renderVllmPredictor({ model, volumes: [{ name: 'w', configMap: { name: 'w' } }], volumeMounts: [{ name: 'w', mountPath: '/mnt/models' }] }, ctx('chat')))
    .toThrow('serving/chat: volumeMounts[0].mountPath "/mnt/models" overlaps /mnt/models, which the construct mounts');
  expect(() => renderVllmPredictor({ model, volumes: [{ name: 'tmp', configMap: { name: 'w' } }] }, ctx('chat')))
    .toThrow('volumes[0].name "tmp" is a volume the construct adds itself');
  expect(() => renderVllmPredictor({ model, envFrom: [{ configMap: 'x', keys: ['HF_HUB_OFFLINE'] }] }, ctx('chat')))
    .toThrow('envFrom[0].keys[0] "HF_HUB_OFFLINE" is refused as in env');
  expect(() => renderVllmPredictor({ model, envFrom: [{ configMap: 'x', prefix: 'VLLM' }] }, ctx('chat')))
    .toThrow('envFrom[0].prefix "VLLM" lets the ConfigMap set variables such as VLLM_');
  expect(() => renderVllmPredictor({ model, hfToken: SecretRef.of('hf-secret', 'HF_TOKEN'), serviceAccount: { name: 'mine' }, allowServingPodEgressForDownload: true },
    ctx('chat')))
    .toThrow('serviceAccount.name "mine" cannot carry the Hub token Secret "hf-secret"');
  expect(() => renderVllmPredictor({ model, volumeMounts: [{ name: 'x', mountPath: '/opt/x' }] }, ctx('chat')))
    .toThrow('volumeMounts ["x"] names volumes that are not given');
});

test('without the props, nothing changes (no empty fields)', () => {
  const pod = podSpec(workload(renderVllmPredictor({ model, mode: ServingMode.DEPLOYMENT }, ctx('chat')).objects));
  for (const f of ['imagePullSecrets', 'priorityClassName', 'runtimeClassName', 'nodeSelector', 'tolerations']) expect(pod[f]).toBeUndefined();
  expect(servingContainers(workload(renderVllmPredictor({ model }, ctx('chat')).objects))[0]).not.toHaveProperty('envFrom');
});
