import { HuggingFaceModel, ServingMode, VllmPredictor } from '../../src';
import { SECURE_DEFAULTS } from '../../src/core/pod-security';
import { allContainers, envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });

function workload(mode: ServingMode, extra: Record<string, unknown> = {}) {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model, gpus: 1, mode, ...extra });
  const objects = synth(chart);
  return { objects, w: only(objects, mode === ServingMode.DEPLOYMENT ? 'Deployment' : 'InferenceService') };
}

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('hardened pod in mode %s', mode => {
  const { objects, w } = workload(mode);
  const pod = podSpec(w);

  test('the defaults table has not changed', () => {
    expect(SECURE_DEFAULTS).toEqual({
      runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, readOnlyRootFilesystem: true, automountServiceAccountToken: false,
      enableServiceLinks: false, seccompProfile: 'RuntimeDefault', imagePullPolicy: 'IfNotPresent', shmSize: '2Gi', tmpSize: '2Gi', homeSize: '1Gi',
    });
  });

  test('pod security context is PSS restricted with numeric ids (serverless: none, Knative refuses it by default)', () => {
    if (mode === ServingMode.KSERVE_SERVERLESS) return expect(pod.securityContext).toBeUndefined();
    expect(pod.securityContext).toEqual({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch', seccompProfile: { type: 'RuntimeDefault' },
    });
  });

  test('every container drops ALL capabilities, cannot escalate, and has a read-only root filesystem', () => {
    for (const c of allContainers(w)) {
      expect(c.securityContext).toEqual({
        allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
        runAsUser: 10001, runAsGroup: 10001, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(c.imagePullPolicy).toBe('IfNotPresent');
    }
  });

  test('no service account token, no service links, a dedicated ServiceAccount', () => {
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
    expect(pod.serviceAccountName).toBe('chat');
    expect(only(objects, 'ServiceAccount', 'chat').automountServiceAccountToken).toBe(false);
  });

  test('writable paths are explicit emptyDirs, /dev/shm is memory-backed with a size limit', () => {
    const mounts = Object.fromEntries(servingContainers(w)[0].volumeMounts!.map(m => [m.mountPath, m.name]));
    expect(mounts).toMatchObject({ '/tmp': 'tmp', '/home/serving': 'home', '/dev/shm': 'dshm', '/var/cache/huggingface': 'hf-cache', '/var/cache/vllm': 'vllm-cache' });
    const vols = Object.fromEntries(pod.volumes.map((v: any) => [v.name, v]));
    expect(vols.dshm.emptyDir).toEqual({ medium: 'Memory', sizeLimit: '2Gi' });
    expect(vols.tmp.emptyDir).toEqual({ sizeLimit: '2Gi' });
    expect(vols.home.emptyDir).toEqual({ sizeLimit: '1Gi' });
    const env = envMap(servingContainers(w)[0]);
    expect(env).toMatchObject({ HOME: '/home/serving', HF_HOME: '/var/cache/huggingface', VLLM_CACHE_ROOT: '/var/cache/vllm', TMPDIR: '/tmp' });
  });

  test('cpu, memory and ephemeral storage have requests and limits; GPUs are integers with requests == limits', () => {
    const r = servingContainers(w)[0].resources;
    expect(r.requests).toEqual(r.limits);
    expect(r.limits).toMatchObject({ 'cpu': '4', 'memory': '32Gi', 'nvidia.com/gpu': 1 });
    expect(r.limits['ephemeral-storage']).toMatch(/^\d+Gi$/);
    for (const c of allContainers(w)) {
      expect(Object.keys(c.resources.requests)).toEqual(expect.arrayContaining(['cpu', 'memory', 'ephemeral-storage']));
      expect(Object.keys(c.resources.limits)).toEqual(expect.arrayContaining(['cpu', 'memory', 'ephemeral-storage']));
    }
  });

  test('telemetry is off', () => {
    expect(envMap(servingContainers(w)[0])).toMatchObject({ VLLM_NO_USAGE_STATS: '1', DO_NOT_TRACK: '1', HF_HUB_DISABLE_TELEMETRY: '1' });
  });

  test('the app.kubernetes.io labels are set on the object and its pods', () => {
    const labels = mode === ServingMode.DEPLOYMENT ? w.spec.template.metadata.labels : w.spec.predictor.labels;
    for (const l of [w.metadata.labels, labels]) {
      expect(l).toMatchObject({ 'app.kubernetes.io/name': 'chat', 'app.kubernetes.io/instance': 'chat', 'app.kubernetes.io/component': 'predictor', 'app.kubernetes.io/managed-by': 'hf-serving-constructs' });
    }
  });

  test('images are pinned, never latest', () => {
    for (const c of allContainers(w)) {
      if (c.image !== undefined) expect(c.image).toMatch(/:v?\d+\.\d+\.\d+(-gpu)?$/);
    }
    if (w.spec?.predictor?.model) expect(w.spec.predictor.model.runtimeVersion).toBe('v0.20.0-gpu');
  });

  test('probes: readiness and liveness on the engine routes, startup sized for minutes of model loading', () => {
    const c = servingContainers(w)[0];
    expect(c.readinessProbe?.httpGet?.path).toBeDefined();
    expect(c.livenessProbe?.httpGet?.path).toBeDefined();
    if (mode === ServingMode.KSERVE_SERVERLESS) {
      expect(c.livenessProbe!.initialDelaySeconds).toBeUndefined();
      expect(c.startupProbe!.periodSeconds * c.startupProbe!.failureThreshold).toBe(1800);
    } else {
      expect(c.startupProbe!.periodSeconds * c.startupProbe!.failureThreshold).toBe(1800);
    }
  });
});

describe('each default is relaxed by one explicit prop', () => {
  test('readOnlyRootFilesystem: false', () => {
    const { w } = workload(ServingMode.DEPLOYMENT, { readOnlyRootFilesystem: false });
    expect(allContainers(w).every(c => c.securityContext.readOnlyRootFilesystem === false)).toBe(true);
  });
  test('runAsUser and runAsGroup', () => {
    const { w } = workload(ServingMode.DEPLOYMENT, { runAsUser: 2000, runAsGroup: 3000 });
    expect(podSpec(w).securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000, fsGroup: 3000 });
    expect(servingContainers(w)[0].securityContext).toMatchObject({ runAsUser: 2000, runAsGroup: 3000 });
  });
  test('automountServiceAccountToken: true', () => {
    const { w } = workload(ServingMode.KSERVE, { automountServiceAccountToken: true });
    expect(podSpec(w).automountServiceAccountToken).toBe(true);
  });
  test('enableServiceLinks: true', () => {
    const { w } = workload(ServingMode.DEPLOYMENT, { enableServiceLinks: true });
    expect(podSpec(w).enableServiceLinks).toBe(true);
  });
  test('resources.shmSize', () => {
    const { w } = workload(ServingMode.DEPLOYMENT, { resources: { shmSize: '8Gi' } });
    expect(podSpec(w).volumes.find((v: any) => v.name === 'dshm').emptyDir.sizeLimit).toBe('8Gi');
  });
  test('startupTimeoutSeconds', () => {
    const { w } = workload(ServingMode.DEPLOYMENT, { startupTimeoutSeconds: 3600 });
    const p = servingContainers(w)[0].startupProbe!;
    expect(p.periodSeconds * p.failureThreshold).toBe(3600);
  });
});
