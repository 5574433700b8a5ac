import { HuggingFaceModel, ServingMode, VllmPredictor } from '../../src';
import { testChart } from '../support/objects';
import {
  KnativeFeature, knativeViolations, predictorPodSpec, requireKnativeFeature, validateKnativeFeatures,
} from '../../src/core/knative';
import { ValidationError } from '../../src/core/errors';

const container = {
  name: 'kserve-container',
  image: 'kserve/huggingfaceserver:v0.20.0',
  ports: [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }],
  securityContext: {
    allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
    runAsUser: 10001, runAsGroup: 10001, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
  },
  volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  startupProbe: { httpGet: { path: '/v1/models/m', port: 8080 }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 180 },
};
const pod = () => ({
  serviceAccountName: 'm', automountServiceAccountToken: false, enableServiceLinks: false,
  volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
  containers: [structuredClone(container)],
});

describe('knativeViolations', () => {
  test('a pod with the restricted settings on the container only is accepted under the defaults', () => {
    expect(knativeViolations(pod())).toEqual([]);
  });

  test('the pod securityContext is refused without its flag, and fsGroupChangePolicy even with it', () => {
    const p = { ...pod(), securityContext: { runAsUser: 10001, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch' } };
    expect(knativeViolations(p).map(v => [v.field, v.feature])).toEqual([
      ['securityContext', KnativeFeature.PODSPEC_SECURITY_CONTEXT],
      ['securityContext.fsGroupChangePolicy', undefined],
    ]);
    expect(knativeViolations(p, [KnativeFeature.PODSPEC_SECURITY_CONTEXT]).map(v => v.field)).toEqual(['securityContext.fsGroupChangePolicy']);
  });

  test.each([
    ['initContainers', { initContainers: [{ name: 'i', image: 'x:1', volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] }] }, KnativeFeature.PODSPEC_INIT_CONTAINERS],
    ['affinity', { affinity: { nodeAffinity: {} } }, KnativeFeature.PODSPEC_AFFINITY],
    ['tolerations', { tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }, KnativeFeature.PODSPEC_TOLERATIONS],
    ['nodeSelector', { nodeSelector: { pool: 'gpu' } }, KnativeFeature.PODSPEC_NODE_SELECTOR],
    ['topologySpreadConstraints', { topologySpreadConstraints: [{}] }, KnativeFeature.PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS],
    ['runtimeClassName', { runtimeClassName: 'nvidia' }, KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME],
    ['priorityClassName', { priorityClassName: 'high' }, KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME],
  ])('%s needs its flag', (field, extra, feature) => {
    expect(knativeViolations({ ...pod(), ...extra })).toEqual([expect.objectContaining({ field, feature })]);
    expect(knativeViolations({ ...pod(), ...extra }, [feature])).toEqual([]);
  });

  test('a read-only PVC needs the PVC flag; a writable one also the write flag', () => {
    const withPvc = (readOnly: boolean) => {
      const p = pod();
      p.volumes.push({ name: 'model', persistentVolumeClaim: { claimName: 'c', readOnly } } as any);
      p.containers[0].volumeMounts.push({ name: 'model', mountPath: '/mnt/models', readOnly } as any);
      return p;
    };
    expect(knativeViolations(withPvc(true)).map(v => v.feature)).toEqual([KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM]);
    expect(knativeViolations(withPvc(true), [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM])).toEqual([]);
    expect(knativeViolations(withPvc(false), [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM]).map(v => v.feature))
      .toEqual([KnativeFeature.PODSPEC_PERSISTENT_VOLUME_WRITE]);
  });

  test('fields outside the mask are refused whatever the flags', () => {
    const p = { ...pod(), terminationGracePeriodSeconds: 30, automountServiceAccountToken: true };
    expect(knativeViolations(p, Object.values(KnativeFeature)).map(v => v.field)).toEqual(['terminationGracePeriodSeconds', 'automountServiceAccountToken']);
  });

  test('container rules: lifecycle, privileged, reserved port, port name, reserved env, configMap mounts writable', () => {
    const p: any = pod();
    p.volumes.push({ name: 'config', configMap: { name: 'c' } });
    Object.assign(p.containers[0], {
      lifecycle: {}, env: [{ name: 'PORT', value: '1' }],
      ports: [{ name: 'http', containerPort: 9090 }],
      volumeMounts: [...p.containers[0].volumeMounts, { name: 'config', mountPath: '/etc/c' }],
    });
    p.containers[0].securityContext.privileged = true;
    expect(knativeViolations(p).map(v => v.field)).toEqual([
      'containers[0].lifecycle', 'containers[0].securityContext.privileged', 'containers[0].env[0]',
      'containers[0].ports[0].containerPort', 'containers[0].ports[0].name', 'containers[0].volumeMounts[1].readOnly',
    ]);
  });

  test('init containers may carry no probes; a volume nobody mounts is refused', () => {
    const p: any = { ...pod(), initContainers: [{ name: 'i', image: 'x:1', startupProbe: {} }] };
    p.volumes.push({ name: 'orphan', emptyDir: {} });
    expect(knativeViolations(p, [KnativeFeature.PODSPEC_INIT_CONTAINERS]).map(v => v.field)).toEqual(['initContainers[0].startupProbe', 'volumes[1]']);
  });
});

describe('predictorPodSpec', () => {
  test('drops KServe fields and turns model into the kserve-container', () => {
    const spec = predictorPodSpec({
      minReplicas: 1, annotations: { a: 'b' }, serviceAccountName: 'm', securityContext: { fsGroup: 1 },
      model: { modelFormat: { name: 'huggingface' }, runtime: 'r', runtimeVersion: 'v', storageUri: 'hf://a/b', args: ['--x'] },
    });
    expect(spec).toEqual({ serviceAccountName: 'm', securityContext: { fsGroup: 1 }, containers: [{ name: 'kserve-container', args: ['--x'] }] });
  });
});

describe('requireKnativeFeature', () => {
  const use = { path: 'test/m', field: 'nodePool', value: 'l4', feature: KnativeFeature.PODSPEC_AFFINITY };

  test('throws a ValidationError naming the config-features key when undeclared', () => {
    expect(() => requireKnativeFeature({ ...use, declared: undefined })).toThrow(ValidationError);
    expect(() => requireKnativeFeature({ ...use, declared: [], alternative: 'or use ServingMode.KSERVE' }))
      .toThrow(/"kubernetes\.podspec-affinity".*knativeFeatures: \[KnativeFeature\.PODSPEC_AFFINITY\], or use ServingMode\.KSERVE/);
  });

  test('passes when declared, and for features on by default', () => {
    expect(() => requireKnativeFeature({ ...use, declared: [KnativeFeature.PODSPEC_AFFINITY] })).not.toThrow();
    expect(() => requireKnativeFeature({ ...use, feature: KnativeFeature.PODSPEC_VOLUMES_EMPTYDIR, declared: [] })).not.toThrow();
  });
});

test('validateKnativeFeatures refuses a string that is not a known key', () => {
  expect(() => validateKnativeFeatures('test/m', ['kubernetes.podspec-affinity'])).not.toThrow();
  expect(() => validateKnativeFeatures('test/m', ['kubernetes.podspec-affinty'])).toThrow(/knativeFeatures\[0\] "kubernetes.podspec-affinty" is not a Knative config-features key/);
});

test('a serving construct refuses an unknown knativeFeatures entry before synthesis', () => {
  const chart = testChart();
  const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
  expect(() => new VllmPredictor(chart, 'chat', { model, mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures: ['podspec-affinity' as KnativeFeature] }))
    .toThrow(/test\/chat: knativeFeatures\[0\] "podspec-affinity" is not a Knative config-features key/);
});
