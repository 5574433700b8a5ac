import {
  KNATIVE_CONTAINER_FIELDS, KNATIVE_CONTAINER_SECURITY_CONTEXT_FIELDS, KNATIVE_FEATURES_ON_BY_DEFAULT, KNATIVE_POD_FIELDS,
  KNATIVE_POD_SECURITY_CONTEXT_FIELDS, KNATIVE_PROGRESS_DEADLINE_ANNOTATION, KNATIVE_RESERVED_PORTS, KNATIVE_SERVING_VERSION,
  KNATIVE_STARTUP_PROBES_SINCE, KNATIVE_VOLUME_SOURCES, KnativeFeature, knativeViolations,
} from '../../src/core/knative';
import { expectPinned, UPSTREAM } from './upstream';

/**
 * Knative Serving's PodSpec rules, as read in knative/serving at knative-v1.21.1. Each list is what
 * the named Go function copies or declares; the test compares the library's data with it.
 */
const READ = {
  /** `pkg/apis/config/features.go`: config-features keys that gate PodSpec fields, and `defaultFeaturesConfig`. */
  features: {
    'kubernetes.containerspec-addcapabilities': 'Disabled',
    'kubernetes.podspec-affinity': 'Disabled',
    'kubernetes.podspec-dnsconfig': 'Disabled',
    'kubernetes.podspec-dnspolicy': 'Disabled',
    'kubernetes.podspec-volumes-emptydir': 'Enabled',
    'kubernetes.podspec-fieldref': 'Disabled',
    'kubernetes.podspec-hostaliases': 'Disabled',
    'kubernetes.podspec-hostipc': 'Disabled',
    'kubernetes.podspec-hostnetwork': 'Disabled',
    'kubernetes.podspec-hostpid': 'Disabled',
    'kubernetes.podspec-volumes-hostpath': 'Disabled',
    'kubernetes.podspec-volumes-csi': 'Disabled',
    'kubernetes.podspec-init-containers': 'Disabled',
    'kubernetes.podspec-volumes-mount-propagation': 'Disabled',
    'kubernetes.podspec-nodeselector': 'Disabled',
    'kubernetes.podspec-persistent-volume-claim': 'Disabled',
    'kubernetes.podspec-persistent-volume-write': 'Disabled',
    'kubernetes.podspec-priorityclassname': 'Disabled',
    'kubernetes.podspec-runtimeclassname': 'Disabled',
    'kubernetes.podspec-schedulername': 'Disabled',
    'kubernetes.podspec-securitycontext': 'Disabled',
    'kubernetes.podspec-shareprocessnamespace': 'Disabled',
    'kubernetes.podspec-tolerations': 'Disabled',
    'kubernetes.podspec-topologyspreadconstraints': 'Disabled',
    'kubernetes.podspec-volumes-image': 'Disabled',
  },
  /** `PodSpecMask`: always copied, and copied behind a flag. */
  podAlways: ['serviceAccountName', 'containers', 'volumes', 'imagePullSecrets', 'enableServiceLinks', 'automountServiceAccountToken'],
  podGated: {
    affinity: 'kubernetes.podspec-affinity', topologySpreadConstraints: 'kubernetes.podspec-topologyspreadconstraints',
    hostAliases: 'kubernetes.podspec-hostaliases', nodeSelector: 'kubernetes.podspec-nodeselector', runtimeClassName: 'kubernetes.podspec-runtimeclassname',
    tolerations: 'kubernetes.podspec-tolerations', securityContext: 'kubernetes.podspec-securitycontext', shareProcessNamespace: 'kubernetes.podspec-shareprocessnamespace',
    priorityClassName: 'kubernetes.podspec-priorityclassname', schedulerName: 'kubernetes.podspec-schedulername', initContainers: 'kubernetes.podspec-init-containers',
    dnsPolicy: 'kubernetes.podspec-dnspolicy', dnsConfig: 'kubernetes.podspec-dnsconfig', hostIPC: 'kubernetes.podspec-hostipc',
    hostPID: 'kubernetes.podspec-hostpid', hostNetwork: 'kubernetes.podspec-hostnetwork',
  },
  /** `PodSecurityContextMask` with the flag on (FSGroupChangePolicy, SELinuxOptions, WindowsOptions, Sysctls set to nil). */
  podSecurityContext: ['runAsUser', 'runAsGroup', 'runAsNonRoot', 'fsGroup', 'supplementalGroups', 'seccompProfile'],
  /** `ContainerMask`. */
  container: [
    'name', 'args', 'command', 'env', 'workingDir', 'envFrom', 'image', 'imagePullPolicy', 'livenessProbe', 'ports', 'readinessProbe',
    'resources', 'securityContext', 'startupProbe', 'terminationMessagePath', 'terminationMessagePolicy', 'volumeMounts',
  ],
  /** `SecurityContextMask`. */
  containerSecurityContext: ['capabilities', 'readOnlyRootFilesystem', 'runAsUser', 'runAsGroup', 'runAsNonRoot', 'allowPrivilegeEscalation', 'seccompProfile', 'privileged'],
  /** `VolumeSourceMask`. */
  volumeAlways: ['secret', 'configMap', 'projected'],
  volumeGated: {
    emptyDir: 'kubernetes.podspec-volumes-emptydir', persistentVolumeClaim: 'kubernetes.podspec-persistent-volume-claim',
    hostPath: 'kubernetes.podspec-volumes-hostpath', csi: 'kubernetes.podspec-volumes-csi', image: 'kubernetes.podspec-volumes-image',
  },
  /** `pkg/networking/constants.go` (and knative.dev/pkg `ProfilingDefaultPort`), reserved in `k8s_validation.go`. */
  reservedPorts: [8012, 8013, 8022, 9090, 9091, 8008],
  /** `pkg/apis/serving/register.go`. */
  progressDeadlineAnnotation: 'serving.knative.dev/progress-deadline',
  /** `fieldmask.go` `ContainerMask`: no `StartupProbe` at knative-v1.14.0, copied from knative-v1.15.0 on (PR #15309). */
  startupProbesSince: 'knative-v1.15.0',
};

test('the library pins the Knative release this contract was read at', () => {
  expectPinned(UPSTREAM.knative, KNATIVE_SERVING_VERSION);
});

test('a changed pin fails and names the files to re-read', () => {
  expect(() => expectPinned(UPSTREAM.knative, 'knative-v1.22.0')).toThrow(/re-read pkg\/apis\/serving\/fieldmask\.go.*in knative\/serving at knative-v1\.22\.0/);
});

test('KnativeFeature holds exactly the config-features keys, and only emptydir is on by default', () => {
  expect(Object.values(KnativeFeature).sort()).toEqual(Object.keys(READ.features).sort());
  expect([...KNATIVE_FEATURES_ON_BY_DEFAULT]).toEqual(Object.entries(READ.features).filter(([, d]) => d === 'Enabled').map(([k]) => k));
});

test('the pod field mask matches PodSpecMask', () => {
  expect(Object.entries(KNATIVE_POD_FIELDS).filter(([, r]) => r === 'allowed').map(([f]) => f)).toEqual(READ.podAlways);
  expect(Object.fromEntries(Object.entries(KNATIVE_POD_FIELDS).filter(([, r]) => r !== 'allowed'))).toEqual(READ.podGated);
});

test('the security context, container and volume masks match', () => {
  expect(KNATIVE_POD_SECURITY_CONTEXT_FIELDS).toEqual(READ.podSecurityContext);
  expect(KNATIVE_CONTAINER_FIELDS).toEqual(READ.container);
  expect(KNATIVE_CONTAINER_SECURITY_CONTEXT_FIELDS).toEqual(READ.containerSecurityContext);
  expect(Object.entries(KNATIVE_VOLUME_SOURCES).filter(([, r]) => r === 'allowed').map(([f]) => f)).toEqual(READ.volumeAlways);
  expect(Object.fromEntries(Object.entries(KNATIVE_VOLUME_SOURCES).filter(([, r]) => r !== 'allowed'))).toEqual(READ.volumeGated);
  expect(KNATIVE_RESERVED_PORTS).toEqual(READ.reservedPorts);
  expect(KNATIVE_PROGRESS_DEADLINE_ANNOTATION).toBe(READ.progressDeadlineAnnotation);
  expect(KNATIVE_STARTUP_PROBES_SINCE).toBe(READ.startupProbesSince);
});

describe('mutations the contract catches', () => {
  const base = {
    serviceAccountName: 's',
    containers: [{ name: 'c', image: 'i:1', ports: [{ name: 'http1', containerPort: 8080 }], startupProbe: { exec: { command: ['true'] } } }],
  };
  test('fsGroupChangePolicy on a serverless pod, even with the security context flag', () => {
    expect(knativeViolations(base)).toEqual([]);
    expect(knativeViolations({ ...base, securityContext: { fsGroupChangePolicy: 'OnRootMismatch' } }, [KnativeFeature.PODSPEC_SECURITY_CONTEXT]))
      .toEqual([expect.objectContaining({ field: 'securityContext.fsGroupChangePolicy' })]);
  });
  test('an init container, tolerations or topology spread without their flags', () => {
    for (const extra of [{ initContainers: [] }, { tolerations: [] }, { topologySpreadConstraints: [] }]) {
      expect(knativeViolations({ ...base, ...extra })).toHaveLength(1);
    }
  });
});
