import { checkManifests } from '../../src/core/policy';
import {
  EmbeddingBackend, HuggingFaceModel, renderEmbeddingService, renderModelCache, renderVllmPredictor, SecretRef, ServingMode,
  ValidationError, VllmPredictorProps,
} from '../../src/core';
import { DELIVERY_DEFAULTS, DeliveryKind } from '../../src/core/delivery';
import { KubeObject } from '../../src/core/kube';
import { ownDeliveryFeatures } from '../support/knative';
import { envMap, only, podSpec, servingContainers, sharedCache } from '../support/objects';

const COMMIT = 'a09a35458c702b33eeacc393d103063234e8bc28';
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: COMMIT });
const remote = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: COMMIT, trustRemoteCode: true });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ctx = { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' };
const MODES = Object.values(ServingMode);
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, gpus: 1, ...p } as VllmPredictorProps, ctx);
const workload = (objects: KubeObject[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
const allow = (objects: KubeObject[]) => only(objects, 'NetworkPolicy', 'chat-allow');
const errorOf = (fn: () => unknown): Error | undefined => {
  try { fn(); } catch (e) { return e as Error; }
  return undefined;
};
/** Every renderer of a Hub model: vLLM and each embedding backend. */
type Family = [string, (mode: ServingMode, extra?: object) => { objects: KubeObject[] }];
const FAMILIES: readonly Family[] = [
  ['VllmPredictor', (mode, extra = {}) => render({ mode, ...extra })],
  ...Object.values(EmbeddingBackend).map((backend): Family => [`embeddings ${backend}`,
    (mode, extra = {}) => renderEmbeddingService({ model: gte, backend, mode, gpus: backend === EmbeddingBackend.VLLM ? 1 : 0, ...extra }, ctx)]),
];

test('defaults: no download in the serving pod, no remote code with egress, the cache made for a model is <name>-model', () => {
  expect(DELIVERY_DEFAULTS).toEqual({ allowServingPodEgressForDownload: false, allowRemoteCodeWithServingPodEgress: false, autoCacheSuffix: '-model' });
});

describe.each(MODES)('%s', mode => {
  test.each(FAMILIES)('%s: by default the weights come from a ModelCache made for the model; the serving pod reaches DNS only', (_f, r) => {
    const { objects } = r(mode);
    expect(only(objects, 'Job', 'chat-model-download').spec.template.spec.containers[0].name).toBe('model-download');
    expect(only(objects, 'PersistentVolumeClaim', 'chat-model').spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(allow(objects).spec.egress).toHaveLength(1);
    expect(allow(objects).spec.egress[0].ports.every((p: any) => p.port === 53)).toBe(true);
    const pod = podSpec(workload(objects));
    // nothing in the pod downloads, so a restart downloads nothing
    expect([...(pod.initContainers ?? []), ...servingContainers(workload(objects))].map((c: any) => c.name)).not.toContain('model-download');
    expect(checkManifests(objects).filter(f => f.id === 'K38')).toEqual([]);
  });

  test.each(FAMILIES)('%s: allowServingPodEgressForDownload downloads in the pod, keeps HTTPS egress and is reported (K38 warning)', (_f, r) => {
    // serverless: the library's own download step is an init container, which needs its Knative flag
    const { objects } = r(mode, { allowServingPodEgressForDownload: true, ...ownDeliveryFeatures(mode) });
    expect(objects.some(o => o.kind === 'Job')).toBe(false);
    expect(allow(objects).spec.egress[1].ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    const k38 = checkManifests(objects).filter(f => f.id === 'K38');
    expect(k38.length).toBeGreaterThan(0);
    expect(k38.every(f => f.severity === 'warning')).toBe(true);
  });

  test('remote code with the in-pod download needs the second acknowledgement, named with both props', () => {
    const e = errorOf(() => render({ mode, model: remote, allowServingPodEgressForDownload: true }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toMatch(/^serving\/chat: allowServingPodEgressForDownload true with model trustRemoteCode runs the repository's code in a pod that can reach the internet; .*allowRemoteCodeWithServingPodEgress: true/);
    const r = render({ mode, model: remote, allowServingPodEgressForDownload: true, allowRemoteCodeWithServingPodEgress: true });
    expect(checkManifests(r.objects).some(f => f.id === 'K38')).toBe(true);
    // by default remote code runs from the cache, without any acknowledgement
    expect(() => render({ mode, model: remote })).not.toThrow();
  });
});

test('KSERVE_SERVERLESS: the cache reaches the pod through storageUri pvc:// (runtime) or STORAGE_URI (custom container), not a claim volume or init container', () => {
  const runtime = workload(render({ mode: ServingMode.KSERVE_SERVERLESS }).objects).spec.predictor;
  expect(runtime.model.storageUri).toBe(`pvc://chat-model/Qwen/Qwen2.5-7B-Instruct/${COMMIT}`);
  expect(runtime.initContainers).toBeUndefined();
  expect(runtime.volumes.some((v: any) => v.persistentVolumeClaim)).toBe(false);
  const custom = workload(render({ mode: ServingMode.KSERVE_SERVERLESS, apiKey: SecretRef.of('k', 'key') }).objects);
  expect(envMap(servingContainers(custom)[0]).STORAGE_URI).toBe(`pvc://chat-model/Qwen/Qwen2.5-7B-Instruct/${COMMIT}`);
  expect(custom.spec.predictor.initContainers).toBeUndefined();
});

test.each([ServingMode.KSERVE, ServingMode.DEPLOYMENT])('%s: the cache claim is mounted read-only after the marker check', mode => {
  const pod = podSpec(workload(render({ mode }).objects));
  expect(pod.volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'chat-model', readOnly: true } });
  expect(pod.initContainers.map((c: any) => c.name)).toEqual(['model-cache-ready']);
});

test('the hfToken reaches only the download Job of the cache made for the model', () => {
  const { objects } = render({ hfToken: SecretRef.of('hf-secret', 'token') });
  const job = only(objects, 'Job');
  expect(envMap(job.spec.template.spec.containers[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
  expect(JSON.stringify(objects.filter(o => o.kind !== 'Job'))).not.toContain('"name":"hf-secret"');
});

describe('several replicas on a cache one node can mount are refused, listing the choices', () => {
  const CHOICES = ['accessModes ["ReadWriteMany"]', 'run 1 replica', 'HuggingFaceModel.fromImage', 'allowServingPodEgressForDownload: true'];
  test.each(MODES)('%s: replicas 2 on the cache made for the model', mode => {
    const e = errorOf(() => render({ mode, replicas: 2 }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toContain('serving/chat: replicas 2 may run on several nodes, and the ModelCache made for the model ("chat-model", ReadWriteOnce)');
    for (const c of CHOICES) expect(e!.message).toContain(c);
  });

  test('autoscaling names autoscaling.maxReplicas', () => {
    expect(() => render({ autoscaling: { minReplicas: 1, maxReplicas: 3 } })).toThrow(/^serving\/chat: autoscaling\.maxReplicas 3 may run on several nodes/);
  });

  test('a given ReadWriteOnce ModelCache is refused too; a ReadWriteMany one, one replica, an image or the opt-in are accepted', () => {
    const rwo = renderModelCache({ model, size: '20Gi' }, { path: 'serving/c', name: 'c', namespace: 'ml-serving' }).cache;
    expect(() => render({ cache: rwo, replicas: 2 })).toThrow(/replicas 2 may run on several nodes, and cache \(ReadWriteOnce\)/);
    const rwx = renderModelCache({ model, size: '20Gi', accessModes: ['ReadWriteMany'] }, { path: 'serving/c', name: 'c', namespace: 'ml-serving' }).cache;
    expect(() => render({ cache: rwx, replicas: 2 })).not.toThrow();
    expect(() => render({ cache: sharedCache(model), replicas: 2 })).not.toThrow();
    expect(() => render({ replicas: 1 })).not.toThrow();
    expect(() => render({ replicas: 2, allowServingPodEgressForDownload: true })).not.toThrow();
    const image = HuggingFaceModel.fromImage(`registry.example.com/models/qwen@sha256:${'b'.repeat(64)}`);
    expect(() => render({ model: image, replicas: 2 })).not.toThrow();
  });
});

describe('bad opt-in input is a ValidationError', () => {
  test.each([
    [{ allowServingPodEgressForDownload: 'yes' }, 'allowServingPodEgressForDownload "yes" is not a boolean'],
    [{ allowRemoteCodeWithServingPodEgress: true }, 'allowRemoteCodeWithServingPodEgress true acknowledges something that is not asked for'],
    [{ allowServingPodEgressForDownload: true, cache: sharedCache(model) }, 'allowServingPodEgressForDownload true has nothing to download'],
    [{ allowServingPodEgressForDownload: true, offline: true }, 'offline true contradicts allowServingPodEgressForDownload'],
    [{ env: { STORAGE_URI: 's3://elsewhere/model' } }, 'env.STORAGE_URI'],
  ])('%j', (props, message) => {
    const e = errorOf(() => render(props as Partial<VllmPredictorProps>));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toContain(message);
  });
});

describe('allowFrom in KSERVE_SERVERLESS', () => {
  test('is refused, saying why and what to use', () => {
    const e = errorOf(() => render({ mode: ServingMode.KSERVE_SERVERLESS, allowFrom: [{ namespace: 'apps', podLabels: { app: 'web' } }] }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toMatch(/^serving\/chat: allowFrom .* cannot be enforced in serverless mode: .*never the client; use ServingMode\.KSERVE or ServingMode\.DEPLOYMENT/);
  });

  test.each([ServingMode.KSERVE, ServingMode.DEPLOYMENT])('is enforced by the NetworkPolicy in %s', mode => {
    const { objects } = render({ mode, allowFrom: [{ namespace: 'apps', podLabels: { app: 'web' } }] });
    expect(allow(objects).spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: { matchLabels: { app: 'web' } },
    }]);
  });
});

test('the delivery kind is reported: CACHE by default, the in-pod kinds only with the opt-in', () => {
  expect(render().delivery.kind).toBe(DeliveryKind.CACHE);
  expect(render({ allowServingPodEgressForDownload: true }).delivery.kind).toBe(DeliveryKind.KSERVE_STORAGE_INITIALIZER);
  expect(render({ allowServingPodEgressForDownload: true, mode: ServingMode.DEPLOYMENT }).delivery.kind).toBe(DeliveryKind.DOWNLOAD_INIT_CONTAINER);
});

describe('rollouts never surge onto a one-node cache (a surge pod on another node could not attach the claim)', () => {
  const embed = (mode: ServingMode, extra: object = {}) =>
    workload(renderEmbeddingService({ model: gte, mode, rollingUpdate: true, ...extra }, ctx).objects);
  test('DEPLOYMENT', () => {
    expect(embed(ServingMode.DEPLOYMENT).spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(embed(ServingMode.DEPLOYMENT, { cache: sharedCache(gte) }).spec.strategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });
  test('KSERVE', () => {
    expect(embed(ServingMode.KSERVE).spec.predictor.deploymentStrategy)
      .toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    expect(embed(ServingMode.KSERVE, { cache: sharedCache(gte) }).spec.predictor.deploymentStrategy).toBeUndefined();
  });
});
