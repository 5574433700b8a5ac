import { HuggingFaceModel, ModelCacheProps, renderModelCache, SecretRef } from '../../src/core';
import { DOWNLOAD_TMP_SIZE, MARKER_FILE } from '../../src/core/download';
import { MODEL_CACHE_DEFAULTS } from '../../src/core/model-cache';
import { METADATA_CIDR } from '../../src/core/network';
import { schemaErrors } from '../support/schema';
import { envMap, only } from '../support/objects';

const COMMIT = '7ae557604adf67be50417f59c2c2f167def9a775';
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT });
const ctx = { path: 'serving/qwen-cache', name: 'qwen-cache', namespace: 'ml-serving' };
const render = (p: Partial<ModelCacheProps> = {}) => renderModelCache({ model, size: '20Gi', hfToken: SecretRef.of('hf-secret', 'token'), ...p }, ctx);
const jobPod = (objects: any[]) => only(objects, 'Job').spec.template.spec;

describe('ModelCache defaults', () => {
  test('each default has one value, and the rendered objects use it', () => {
    expect(MODEL_CACHE_DEFAULTS).toEqual({ accessModes: ['ReadWriteOnce'], downloadTimeoutSeconds: 7200, backoffLimit: 2, minSize: '1Gi' });
    const r = render();
    expect(only(r.objects, 'PersistentVolumeClaim').spec.accessModes).toEqual(['ReadWriteOnce']);
    const job = only(r.objects, 'Job');
    expect(job.spec.activeDeadlineSeconds).toBe(7200);
    expect(job.spec.backoffLimit).toBe(2);
  });

  test('the download step gets a 1Gi /tmp, in the Job as in pods that download themselves', () => {
    expect(DOWNLOAD_TMP_SIZE).toBe('1Gi');
    expect(jobPod(render().objects).volumes).toContainEqual({ name: 'download-tmp', emptyDir: { sizeLimit: '1Gi' } });
  });

  test('the Job has no TTL: a deleted Job would be re-created (and re-run) by the next apply', () => {
    expect(only(render().objects, 'Job').spec.ttlSecondsAfterFinished).toBeUndefined();
  });
});

describe('ModelCache objects', () => {
  test('explicit, stable names in apply order', () => {
    expect(render().objects.map(o => `${o.kind}/${o.metadata.name}`)).toEqual([
      'PersistentVolumeClaim/qwen-cache',
      'ServiceAccount/qwen-cache-download',
      'Job/qwen-cache-download',
      'NetworkPolicy/qwen-cache-download-default-deny',
      'NetworkPolicy/qwen-cache-download-egress',
    ]);
  });

  test('the PVC has the size, access modes and StorageClass given', () => {
    const pvc = only(render({ size: '40Gi', storageClassName: 'efs', accessModes: ['ReadWriteMany'] }).objects, 'PersistentVolumeClaim');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteMany'], volumeMode: 'Filesystem', resources: { requests: { storage: '40Gi' } }, storageClassName: 'efs' });
  });

  test('the cache handle names the claim, the per-revision sub path and the marker file', () => {
    expect(render().cache).toEqual({
      model, claimName: 'qwen-cache', subPath: `Qwen/Qwen2.5-0.5B-Instruct/${COMMIT}`, markerFile: MARKER_FILE, accessModes: ['ReadWriteOnce'],
    });
  });

  test('the ServiceAccount mounts no API token and lists no secret', () => {
    const sa = only(render().objects, 'ServiceAccount');
    expect(sa.automountServiceAccountToken).toBe(false);
    expect(sa.secrets).toBeUndefined();
  });

  test('the Job pod is hardened: no API token, no service links, non-root, read-only root, all capabilities dropped', () => {
    const pod = jobPod(render().objects);
    expect(pod.serviceAccountName).toBe('qwen-cache-download');
    expect(pod.restartPolicy).toBe('Never');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    const [c] = pod.containers;
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
  });

  test('the Job container alone holds the token, downloads the pinned revision into the sub path and writes the marker last', () => {
    const pod = jobPod(render().objects);
    expect(pod.containers).toHaveLength(1);
    const [c] = pod.containers;
    expect(envMap(c).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
    const lines = (c.command[2] as string).split('\n');
    expect(lines).toContain(`/storage-initializer/scripts/initializer-entrypoint 'hf://Qwen/Qwen2.5-0.5B-Instruct:${COMMIT}' '/mnt/models'`);
    expect(lines[1]).toBe(`rm -f '/mnt/models/${MARKER_FILE}'`);
    expect(lines[lines.length - 1]).toContain(`> '${MARKER_FILE}'`);
    expect(c.volumeMounts).toContainEqual({ name: 'cache', mountPath: '/mnt/models', subPath: `Qwen/Qwen2.5-0.5B-Instruct/${COMMIT}` });
    expect(pod.volumes).toContainEqual({ name: 'cache', persistentVolumeClaim: { claimName: 'qwen-cache' } });
  });

  test('digests are checked by the Job before the marker', () => {
    const digest = 'c'.repeat(64);
    const r = render({ model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT, sha256: { 'model.safetensors': digest } }) });
    const script = jobPod(r.objects).containers[0].command[2] as string;
    expect(script.indexOf(`${digest}  model.safetensors`)).toBeGreaterThan(0);
    expect(script.indexOf('sha256sum -c -')).toBeLessThan(script.indexOf(MARKER_FILE, script.indexOf('sha256sum')));
  });

  test('a mirror endpoint reaches the Job as HF_ENDPOINT', () => {
    const mirrored = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT, hubEndpoint: 'https://hf-mirror.internal.example' });
    expect(envMap(jobPod(render({ model: mirrored }).objects).containers[0]).HF_ENDPOINT).toBe('https://hf-mirror.internal.example');
  });

  test('the Job pod gets no ingress and egress to DNS and HTTPS only, the metadata address excepted', () => {
    const r = render();
    const policies = r.objects.filter(o => o.kind === 'NetworkPolicy') as any[];
    const selector = { 'app.kubernetes.io/instance': 'qwen-cache-download', 'app.kubernetes.io/component': 'model-download' };
    for (const p of policies) expect(p.spec.podSelector).toEqual({ matchLabels: selector });
    expect(only(r.objects, 'Job').spec.template.metadata.labels).toMatchObject(selector);
    const deny = policies.find(p => p.metadata.name.endsWith('default-deny'));
    expect(deny.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(deny.spec.ingress).toBeUndefined();
    expect(deny.spec.egress).toBeUndefined();
    const egress = policies.find(p => p.metadata.name.endsWith('-egress'));
    expect(egress.spec.policyTypes).toEqual(['Egress']);
    expect(egress.spec.ingress).toBeUndefined();
    expect(egress.spec.egress.map((e: any) => e.ports)).toEqual([
      [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
      [{ protocol: 'TCP', port: 443 }],
    ]);
    expect(egress.spec.egress[1].to[0].ipBlock.except).toContain(METADATA_CIDR);
    expect(METADATA_CIDR).toBe('169.254.169.254/32');
  });

  test('every object is schema-valid', () => {
    expect(schemaErrors(render({ storageClassName: 'standard' }).objects)).toEqual([]);
  });
});

describe('ModelCache errors', () => {
  test.each([
    ['big', 'size "big" is not a storage quantity', 'like "20Gi"'],
    ['500Mi', 'size "500Mi" is smaller than 1Gi', 'at least the size of the model files'],
    ['10m', 'size "10m" is not a storage quantity', 'like "20Gi"'],
    ['-5Gi', 'size "-5Gi" is not a storage quantity', 'like "20Gi"'],
  ])('a bad size %s', (size, problem, fix) => {
    expect(() => render({ size })).toThrow(`serving/qwen-cache: ${problem}`);
    expect(() => render({ size })).toThrow(fix);
  });

  test('a literal token', () => {
    expect(() => render({ hfToken: 'hf_secret' as unknown as SecretRef })).toThrow('serving/qwen-cache: hfToken <redacted string of 9 characters> is a literal');
  });

  test('an unknown access mode', () => {
    expect(() => render({ accessModes: ['ReadWriteSometimes'] })).toThrow('accessModes ["ReadWriteSometimes"] is not a list of access modes; use one or more of ReadWriteOnce');
  });

  test('only ReadOnlyMany (the Job could not write)', () => {
    expect(() => render({ accessModes: ['ReadOnlyMany'] })).toThrow('accessModes ["ReadOnlyMany"] has no writable mode');
  });

  test('a bad StorageClass name', () => {
    expect(() => render({ storageClassName: 'Fast SSD' })).toThrow('storageClassName "Fast SSD" is not a valid StorageClass name');
  });

  test('a download timeout under a minute', () => {
    expect(() => render({ downloadTimeoutSeconds: 10 })).toThrow('downloadTimeoutSeconds 10 is not a whole number ≥ 60');
  });

  test('a negative backoffLimit', () => {
    expect(() => render({ backoffLimit: -1 })).toThrow('backoffLimit -1 is not a whole number ≥ 0');
  });

  test('an unpinned model', () => {
    const unpinned = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: 'main' });
    expect(() => render({ model: unpinned })).toThrow('serving/qwen-cache: model.revision "main" is not a pinned commit');
  });

  test('a name too long for the "-download" Job', () => {
    expect(() => renderModelCache({ model, size: '20Gi' }, { ...ctx, name: 'a'.repeat(55) })).toThrow('is not a DNS-1035 label of at most 54 characters');
  });

  test('no namespace', () => {
    expect(() => renderModelCache({ model, size: '20Gi' }, { ...ctx, namespace: undefined })).toThrow('serving/qwen-cache: namespace (unset) is not set');
  });
});
