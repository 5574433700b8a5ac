import { HuggingFaceModel, KnativeFeature, ModelSource, SecretRef, ServingMode } from '../../src';
import { renderEmbeddingService } from '../../src/core/embedding-service';
import { renderModelCache } from '../../src/core/model-cache';
import { renderVllmPredictor, VllmPredictorProps } from '../../src/core/vllm-predictor';
import { podSpec, servingContainers } from '../support/objects';
import { ownDeliveryFeatures } from '../support/knative';

const sha = 'a'.repeat(64);
const digest = `sha256:${'b'.repeat(64)}`;
const s3 = HuggingFaceModel.fromStorage('s3://models-bucket/qwen2.5-7b', { sha256: { 'model.safetensors': sha } });
const gs = HuggingFaceModel.fromStorage('gs://models-bucket/qwen2.5-7b', { allowUnverified: true });
const pvc = HuggingFaceModel.fromStorage('pvc://model-store/qwen2.5-7b', { sha256: { 'model.safetensors': sha } });
const image = HuggingFaceModel.fromImage(`registry.example.com/models/qwen2.5-7b@${digest}`);
const ctx = { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' };
const render = (p: Partial<VllmPredictorProps>) => renderVllmPredictor({ model: s3, ...p } as VllmPredictorProps, ctx);
const workload = (r: ReturnType<typeof render>) => r.objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;

test('sources, storage URIs and pins', () => {
  expect([s3.source, pvc.source, image.source]).toEqual([ModelSource.STORAGE, ModelSource.STORAGE, ModelSource.IMAGE]);
  expect(s3.storageUri).toBe('s3://models-bucket/qwen2.5-7b');
  expect(image.storageUri).toBe(`oci://registry.example.com/models/qwen2.5-7b@${digest}`);
  expect([s3.isPinned, gs.isPinned, image.isPinned]).toEqual([true, false, true]);
  expect(s3.allowPatterns).not.toContain('*.bin');
});

describe('s3:// and gs://', () => {
  const role = { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::1:role/r' };
  test('by default a cache Job made for the model downloads the URI; its ServiceAccount gets the identity annotations (IRSA)', () => {
    const r = render({ model: gs, serviceAccount: { annotations: role } });
    const sa = r.objects.find(o => o.kind === 'ServiceAccount' && o.metadata.name === 'chat-model-download')!;
    expect(sa.metadata.annotations).toEqual(role);
    const job = r.objects.find(o => o.kind === 'Job')!;
    expect(JSON.stringify(podSpec(job).containers[0].command)).toContain("initializer-entrypoint 'gs://models-bucket/qwen2.5-7b'");
    expect(workload(r).spec.predictor.model.storageUri).toBeUndefined();
  });
  test('a Hub model\'s cache Job does not get the identity annotations (its download needs no cloud role)', () => {
    const hub = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
    const r = render({ model: hub, serviceAccount: { annotations: role } });
    const sa = r.objects.find(o => o.kind === 'ServiceAccount' && o.metadata.name === 'chat-model-download')!;
    expect(sa.metadata.annotations).toBeUndefined();
  });
  test('with the in-pod opt-in, KServe downloads with its storage initializer when no digest must be checked (credentials from the ServiceAccount: IRSA)', () => {
    const r = render({ model: gs, serviceAccount: { annotations: role }, allowServingPodEgressForDownload: true });
    expect(workload(r).spec.predictor.model.storageUri).toBe('gs://models-bucket/qwen2.5-7b');
  });
  test.each(Object.values(ServingMode))('%s with digests (in-pod opt-in): the download step fetches the URI, checks the digests, the server gets no revision flags', mode => {
    const r = render({ mode, allowServingPodEgressForDownload: true, ...ownDeliveryFeatures(mode) });
    const pod = podSpec(workload(r));
    const init = pod.initContainers.find((c: any) => c.name === 'model-download');
    expect(init.command[2]).toContain("initializer-entrypoint 's3://models-bucket/qwen2.5-7b' '/mnt/models'");
    expect(init.command[2]).toContain(`'${sha}  model.safetensors'`);
    const args: string[] = servingContainers(workload(r))[0].args!;
    expect(args.some(a => /revision/.test(a))).toBe(false);
    expect(args).toContain('--load-format=safetensors');
  });
});

describe('pvc://', () => {
  test.each([ServingMode.KSERVE, ServingMode.DEPLOYMENT])('%s: the claim is mounted read-only, digests checked first', mode => {
    const pod = podSpec(workload(render({ model: pvc, mode })));
    expect(pod.volumes).toContainEqual({ name: 'model-store', persistentVolumeClaim: { claimName: 'model-store', readOnly: true } });
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['model-verify']);
  });
  test('serverless needs the Knative PVC feature', () => {
    expect(() => render({ model: pvc, mode: ServingMode.KSERVE_SERVERLESS })).toThrow('"kubernetes.podspec-persistent-volume-claim"');
  });
});

describe('OCI image', () => {
  test.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS])('%s: KServe modelcar (storageUri oci://)', mode => {
    const p = workload(render({ model: image, mode })).spec.predictor;
    expect(p.model.storageUri).toBe(`oci://registry.example.com/models/qwen2.5-7b@${digest}`);
    expect(p.initContainers).toBeUndefined();
  });
  test('DEPLOYMENT: an image volume, its /models mounted read-only; no egress beyond DNS', () => {
    const r = render({ model: image, mode: ServingMode.DEPLOYMENT });
    const pod = podSpec(workload(r));
    expect(pod.volumes).toContainEqual({ name: 'model', image: { reference: `registry.example.com/models/qwen2.5-7b@${digest}`, pullPolicy: 'IfNotPresent' } });
    expect(servingContainers(workload(r))[0].volumeMounts).toContainEqual({ name: 'model', mountPath: '/mnt/models', subPath: 'models', readOnly: true });
    const allow = r.objects.find(o => o.metadata.name === 'chat-allow') as any;
    expect(allow.spec.egress).toHaveLength(1);
  });
  test('serverless with the upstream vLLM container (apiKey) needs the Knative image-volume feature', () => {
    expect(() => render({ model: image, mode: ServingMode.KSERVE_SERVERLESS, apiKey: SecretRef.of('k', 'key') })).toThrow('"kubernetes.podspec-volumes-image"');
    expect(() => render({ model: image, mode: ServingMode.KSERVE_SERVERLESS, apiKey: SecretRef.of('k', 'key'), knativeFeatures: [KnativeFeature.PODSPEC_VOLUMES_IMAGE] })).not.toThrow();
  });
  test('embedding services take image models too', () => {
    const r = renderEmbeddingService({ model: image, mode: ServingMode.DEPLOYMENT }, { ...ctx, name: 'embed' });
    expect(podSpec(workload(r as never)).volumes).toContainEqual(expect.objectContaining({ name: 'model', image: expect.anything() }));
  });
});

test.each([
  [HuggingFaceModel.fromStorage('s3://models-bucket/x'), 'model.sha256 (unset) is missing: the files under a storage path can change without a deploy'],
  [HuggingFaceModel.fromStorage('s3://models-bucket/x', { trustRemoteCode: true, allowUnverified: true }), 'trustRemoteCode runs the code found under the URI'],
  [HuggingFaceModel.fromStorage('https://example.com/x', { allowUnverified: true }), 'model.uri "https://example.com/x" is not a model storage URI'],
  [HuggingFaceModel.fromStorage('s3://models-bucket/../x', { allowUnverified: true }), 'is not a model storage URI'],
  [HuggingFaceModel.fromStorage('s3://bkt/x', { sha256: { 'pytorch_model.bin': sha } }), 'is not a file the download allow-list fetches'],
  [HuggingFaceModel.fromImage('registry.example.com/models/qwen:v1'), 'model.image "registry.example.com/models/qwen:v1" is not an image reference pinned by digest'],
])('refuses %#', (model, message) => {
  expect(() => render({ model })).toThrow(message);
});

test('a Hub token is refused for storage and image models; a ModelCache refuses them', () => {
  expect(() => render({ hfToken: SecretRef.of('hf', 'HF_TOKEN') })).toThrow('hfToken "hf" is a Hub token, and s3://models-bucket/qwen2.5-7b is not a Hub model');
  expect(() => renderModelCache({ model: image, size: '20Gi' }, { path: 'serving/cache', name: 'cache', namespace: 'ml-serving' })).toThrow('is not a Hub model; a ModelCache holds Hub downloads');
});

test('remote code in an image runs without revision flags (the digest pins the code)', () => {
  const m = HuggingFaceModel.fromImage(`registry.example.com/models/falcon@${digest}`, { trustRemoteCode: true });
  const args: string[] = servingContainers(workload(render({ model: m, mode: ServingMode.DEPLOYMENT })))[0].args!;
  expect(args).toContain('--trust-remote-code');
  expect(args.some(a => /revision/.test(a))).toBe(false);
});
