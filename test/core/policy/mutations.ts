/**
 * Single-field mutations per check: each `fail` mutation must make its check report a finding on
 * every base it applies to; each `pass` mutation must leave its check silent. Container mutations
 * run on the first serving container and on the first init container of every base that has one
 * (including the containers inside InferenceServices and ServingRuntimes); pod mutations on every
 * pod spec that is not a template fragment.
 */
import { CheckOptions } from '../../../src';
import { BaseName, COMMIT, Obj, TORCHSERVE_CONFIG } from './fixtures';

/** Where a mutation applies. */
export type Level = 'main' | 'init' | 'pod' | 'bundle';

export interface Mutation {
  readonly id: string;
  readonly name: string;
  readonly expect: 'fail' | 'pass';
  /** Levels it runs at; container mutations usually at both `main` and `init`. */
  readonly levels: readonly Level[];
  /** Bases it runs on. @default every base */
  readonly bases?: readonly BaseName[];
  /** Only containers this accepts (e.g. those with an image). */
  readonly when?: (c: Obj) => boolean;
  readonly options?: CheckOptions;
  /** Skip pod specs that are templates completed elsewhere (ServingRuntime containers). */
  readonly skipTemplates?: boolean;
  /** Change the target: a container, a pod spec, or the whole object list. */
  readonly apply: (target: any, objects: Obj[]) => void;
}

const C: Level[] = ['main', 'init'];
const sc = (c: Obj) => (c.securityContext ??= {});
const psc = (p: Obj) => (p.securityContext ??= {});
const setEnv = (c: Obj, name: string, value: string) => { c.env = [...(c.env ?? []).filter((e: Obj) => e.name !== name), { name, value }]; };
const dropEnv = (c: Obj, name: string) => { c.env = (c.env ?? []).filter((e: Obj) => e.name !== name); };
const addArgs = (c: Obj, ...args: string[]) => { c.args = [...(c.args ?? []), ...args]; };
const find = (objects: Obj[], kind: string, suffix = '') => objects.find(o => o.kind === kind && String(o.metadata.name).endsWith(suffix))!;
const withImage = (c: Obj) => typeof c.image === 'string';
const WITH_NP: BaseName[] = ['deployment', 'job', 'isvc-model', 'isvc-containers', 'torchserve'];
const VLLM: BaseName[] = ['deployment', 'isvc-containers'];
const SERVING: BaseName[] = ['deployment', 'isvc-model', 'isvc-containers', 'torchserve'];
const setConfig = (objects: Obj[], edit: (lines: string[]) => string[]) => {
  find(objects, 'ConfigMap').data['config.properties'] = edit(TORCHSERVE_CONFIG.split('\n')).join('\n');
};
const replaceProp = (key: string, value?: string) => (lines: string[]) => [
  ...lines.filter(l => !l.startsWith(`${key}=`)), ...(value !== undefined ? [`${key}=${value}`] : []),
];

export const MUTATIONS: readonly Mutation[] = [
  // K01 host namespaces
  ...['hostNetwork', 'hostPID', 'hostIPC'].map(f => ({ id: 'K01', name: `${f}: true`, expect: 'fail' as const, levels: ['pod'] as Level[], apply: (p: Obj) => { p[f] = true; } })),
  { id: 'K01', name: 'hostNetwork: false', expect: 'pass', levels: ['pod'], apply: p => { p.hostNetwork = false; } },
  // K02 privileged
  { id: 'K02', name: 'privileged: true', expect: 'fail', levels: C, apply: c => { sc(c).privileged = true; } },
  // K03 drop ALL
  { id: 'K03', name: 'capabilities.drop unset', expect: 'fail', levels: C, apply: c => { delete sc(c).capabilities; } },
  { id: 'K03', name: 'drop [NET_RAW] only', expect: 'fail', levels: C, apply: c => { sc(c).capabilities = { drop: ['NET_RAW'] }; } },
  { id: 'K03', name: 'Windows pod without drop', expect: 'pass', levels: ['pod'], bases: ['deployment'], apply: p => { p.os = { name: 'windows' }; for (const c of [...p.containers, ...p.initContainers]) delete sc(c).capabilities; } },
  // K04 added capabilities
  { id: 'K04', name: 'add SYS_ADMIN', expect: 'fail', levels: C, apply: c => { sc(c).capabilities.add = ['SYS_ADMIN']; } },
  { id: 'K04', name: 'add NET_RAW', expect: 'fail', levels: C, apply: c => { sc(c).capabilities.add = ['NET_RAW']; } },
  { id: 'K04', name: 'add NET_BIND_SERVICE', expect: 'pass', levels: C, apply: c => { sc(c).capabilities.add = ['NET_BIND_SERVICE']; } },
  // K05 allowPrivilegeEscalation
  { id: 'K05', name: 'allowPrivilegeEscalation unset', expect: 'fail', levels: C, apply: c => { delete sc(c).allowPrivilegeEscalation; } },
  { id: 'K05', name: 'allowPrivilegeEscalation: true', expect: 'fail', levels: C, apply: c => { sc(c).allowPrivilegeEscalation = true; } },
  {
    id: 'K05', name: 'Windows pod without allowPrivilegeEscalation', expect: 'pass', levels: ['pod'], bases: ['deployment'],
    apply: p => { p.os = { name: 'windows' }; for (const c of [...p.containers, ...p.initContainers]) delete sc(c).allowPrivilegeEscalation; },
  },
  // K06 non-root
  { id: 'K06', name: 'container runAsNonRoot: false', expect: 'fail', levels: C, apply: c => { sc(c).runAsNonRoot = false; } },
  { id: 'K06', name: 'container runAsUser: 0', expect: 'fail', levels: C, apply: c => { sc(c).runAsUser = 0; } },
  { id: 'K06', name: 'pod runAsNonRoot: false', expect: 'fail', levels: ['pod'], apply: p => { psc(p).runAsNonRoot = false; } },
  { id: 'K06', name: 'pod runAsUser: 0', expect: 'fail', levels: ['pod'], apply: p => { psc(p).runAsUser = 0; } },
  {
    id: 'K06', name: 'runAsNonRoot unset everywhere', expect: 'fail', levels: ['pod'],
    apply: p => {
      delete psc(p).runAsNonRoot;
      for (const c of [...(p.containers ?? []), ...(p.initContainers ?? []), ...(p.model ? [p.model] : [])]) delete sc(c).runAsNonRoot;
    },
  },
  { id: 'K06', name: 'pod runAsNonRoot unset, containers true', expect: 'pass', levels: ['pod'], apply: p => { delete psc(p).runAsNonRoot; } },
  // K07 UID/GID
  { id: 'K07', name: 'runAsUser 1000', expect: 'fail', levels: C, apply: c => { sc(c).runAsUser = 1000; } },
  { id: 'K07', name: 'runAsGroup 0', expect: 'fail', levels: C, apply: c => { sc(c).runAsGroup = 0; } },
  { id: 'K07', name: 'fsGroup 0', expect: 'fail', levels: ['pod'], apply: p => { psc(p).fsGroup = 0; } },
  { id: 'K07', name: 'supplementalGroups [0]', expect: 'fail', levels: ['pod'], apply: p => { psc(p).supplementalGroups = [0]; } },
  // K08 seccomp
  { id: 'K08', name: 'container seccomp Unconfined', expect: 'fail', levels: C, apply: c => { sc(c).seccompProfile = { type: 'Unconfined' }; } },
  { id: 'K08', name: 'pod seccomp Unconfined', expect: 'fail', levels: ['pod'], apply: p => { psc(p).seccompProfile = { type: 'Unconfined' }; } },
  {
    id: 'K08', name: 'seccomp unset everywhere', expect: 'fail', levels: ['pod'],
    apply: p => {
      delete psc(p).seccompProfile;
      for (const c of [...(p.containers ?? []), ...(p.initContainers ?? []), ...(p.model ? [p.model] : [])]) delete sc(c).seccompProfile;
    },
  },
  {
    id: 'K08', name: 'pod Localhost, containers unset', expect: 'pass', levels: ['pod'],
    apply: p => { psc(p).seccompProfile = { type: 'Localhost', localhostProfile: 'model.json' }; for (const c of [...(p.containers ?? []), ...(p.initContainers ?? []), ...(p.model ? [p.model] : [])]) delete sc(c).seccompProfile; },
  },
  {
    id: 'K08', name: 'Windows pod without seccomp', expect: 'pass', levels: ['pod'], bases: ['deployment'],
    apply: p => { p.os = { name: 'windows' }; delete psc(p).seccompProfile; for (const c of [...p.containers, ...p.initContainers]) delete sc(c).seccompProfile; },
  },
  // K09 AppArmor / SELinux
  { id: 'K09', name: 'container appArmorProfile Unconfined', expect: 'fail', levels: C, apply: c => { sc(c).appArmorProfile = { type: 'Unconfined' }; } },
  { id: 'K09', name: 'pod appArmorProfile Unconfined', expect: 'fail', levels: ['pod'], apply: p => { psc(p).appArmorProfile = { type: 'Unconfined' }; } },
  { id: 'K09', name: 'seLinuxOptions.type spc_t', expect: 'fail', levels: C, apply: c => { sc(c).seLinuxOptions = { type: 'spc_t' }; } },
  { id: 'K09', name: 'pod seLinuxOptions.user', expect: 'fail', levels: ['pod'], apply: p => { psc(p).seLinuxOptions = { user: 'system_u' }; } },
  {
    id: 'K09', name: 'AppArmor annotation unconfined', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'],
    apply: (objects: Obj[]) => { find(objects, 'Deployment').spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/server': 'unconfined' }; },
  },
  {
    id: 'K09', name: 'AppArmor annotation on an InferenceService component', expect: 'fail', levels: ['bundle'], bases: ['isvc-model', 'isvc-containers'],
    apply: (objects: Obj[]) => { find(objects, 'InferenceService').spec.predictor.annotations = { 'container.apparmor.security.beta.kubernetes.io/kserve-container': 'unconfined' }; },
  },
  { id: 'K09', name: 'seLinuxOptions.type container_t, RuntimeDefault AppArmor', expect: 'pass', levels: C, apply: c => { sc(c).seLinuxOptions = { type: 'container_t' }; sc(c).appArmorProfile = { type: 'RuntimeDefault' }; } },
  // K10 read-only root
  { id: 'K10', name: 'readOnlyRootFilesystem: false', expect: 'fail', levels: C, apply: c => { sc(c).readOnlyRootFilesystem = false; } },
  { id: 'K10', name: 'readOnlyRootFilesystem unset', expect: 'fail', levels: C, apply: c => { delete sc(c).readOnlyRootFilesystem; } },
  // K11 volumes
  { id: 'K11', name: 'hostPath docker.sock', expect: 'fail', levels: ['pod'], apply: p => { p.volumes = [...(p.volumes ?? []), { name: 'sock', hostPath: { path: '/var/run/docker.sock' } }]; } },
  { id: 'K11', name: 'nfs volume', expect: 'fail', levels: ['pod'], apply: p => { p.volumes = [...(p.volumes ?? []), { name: 'nfs', nfs: { server: 'x', path: '/' } }]; } },
  { id: 'K11', name: 'csi volume', expect: 'pass', levels: ['pod'], apply: p => { p.volumes = [...(p.volumes ?? []), { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io' } }]; } },
  // K12 host ports, probe hosts, procMount, sysctls, hostProcess, hostAliases
  { id: 'K12', name: 'hostPort', expect: 'fail', levels: C, apply: c => { c.ports = [{ name: 'x', containerPort: 9000, hostPort: 9000 }]; } },
  { id: 'K12', name: 'lifecycle preStop httpGet host', expect: 'fail', levels: C, apply: c => { c.lifecycle = { preStop: { httpGet: { host: '10.0.0.1', path: '/', port: 80 } } }; } },
  { id: 'K12', name: 'readinessProbe host', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.readinessProbe.httpGet ??= { path: '/', port: 8080 }; c.readinessProbe.httpGet.host = 'example.com'; } },
  { id: 'K12', name: 'procMount Unmasked', expect: 'fail', levels: C, apply: c => { sc(c).procMount = 'Unmasked'; } },
  { id: 'K12', name: 'container hostProcess', expect: 'fail', levels: C, apply: c => { sc(c).windowsOptions = { hostProcess: true }; } },
  { id: 'K12', name: 'unsafe sysctl', expect: 'fail', levels: ['pod'], apply: p => { psc(p).sysctls = [{ name: 'kernel.msgmax', value: '65536' }]; } },
  { id: 'K12', name: 'hostAliases', expect: 'fail', levels: ['pod'], apply: p => { p.hostAliases = [{ ip: '1.2.3.4', hostnames: ['huggingface.co'] }]; } },
  { id: 'K12', name: 'safe sysctl', expect: 'pass', levels: ['pod'], apply: p => { psc(p).sysctls = [{ name: 'net.ipv4.tcp_syncookies', value: '1' }]; } },
  // K13 /dev/shm
  { id: 'K13', name: '/dev/shm on disk', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { p.volumes.find((v: Obj) => v.name === 'dshm').emptyDir = { sizeLimit: '2Gi' }; } },
  { id: 'K13', name: '/dev/shm larger than memory limit', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { p.volumes.find((v: Obj) => v.name === 'dshm').emptyDir.sizeLimit = '64Gi'; } },
  { id: 'K13', name: '/dev/shm without sizeLimit', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { delete p.volumes.find((v: Obj) => v.name === 'dshm').emptyDir.sizeLimit; } },
  { id: 'K13', name: 'GPU engine without /dev/shm', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.volumeMounts = c.volumeMounts.filter((m: Obj) => m.mountPath !== '/dev/shm'); } },
  // K14 service account token
  { id: 'K14', name: 'pod automountServiceAccountToken: true', expect: 'fail', levels: ['pod'], apply: p => { p.automountServiceAccountToken = true; } },
  { id: 'K14', name: 'pod automountServiceAccountToken unset', expect: 'fail', levels: ['pod'], apply: p => { delete p.automountServiceAccountToken; } },
  { id: 'K14', name: 'ServiceAccount automount unset', expect: 'fail', levels: ['bundle'], apply: (objects: Obj[]) => { delete find(objects, 'ServiceAccount').automountServiceAccountToken; } },
  // K15 service account
  { id: 'K15', name: 'serviceAccountName default', expect: 'fail', levels: ['pod'], apply: p => { p.serviceAccountName = 'default'; } },
  { id: 'K15', name: 'serviceAccountName unset', expect: 'fail', levels: ['pod'], apply: p => { delete p.serviceAccountName; } },
  { id: 'K15', name: 'ServiceAccount not emitted', expect: 'fail', levels: ['bundle'], apply: (objects: Obj[]) => { objects.splice(objects.indexOf(find(objects, 'ServiceAccount')), 1); } },
  { id: 'K15', name: 'deprecated serviceAccount field', expect: 'fail', levels: ['pod'], apply: p => { p.serviceAccount = p.serviceAccountName; } },
  // K16 CPU / memory
  { id: 'K16', name: 'no CPU request', expect: 'fail', levels: C, apply: c => { delete c.resources.requests.cpu; } },
  { id: 'K16', name: 'no memory limit', expect: 'fail', levels: C, apply: c => { delete c.resources.limits.memory; } },
  { id: 'K16', name: 'no CPU limit', expect: 'fail', levels: C, apply: c => { delete c.resources.limits.cpu; } },
  { id: 'K16', name: 'no resources', expect: 'fail', levels: C, apply: c => { delete c.resources; } },
  // K17 ephemeral storage
  { id: 'K17', name: 'no ephemeral-storage limit', expect: 'fail', levels: C, apply: c => { delete c.resources.limits['ephemeral-storage']; } },
  { id: 'K17', name: 'no ephemeral-storage request', expect: 'fail', levels: C, apply: c => { delete c.resources.requests['ephemeral-storage']; } },
  { id: 'K17', name: 'emptyDir without sizeLimit', expect: 'fail', levels: ['pod'], apply: p => { delete p.volumes.find((v: Obj) => v.name === 'tmp').emptyDir.sizeLimit; } },
  // K18 GPUs
  { id: 'K18', name: 'fractional GPU', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.resources.limits['nvidia.com/gpu'] = '500m'; c.resources.requests['nvidia.com/gpu'] = '500m'; } },
  { id: 'K18', name: 'GPU request != limit', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.resources.limits['nvidia.com/gpu'] = 2; } },
  { id: 'K18', name: 'GPU request without limit', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { delete c.resources.limits['nvidia.com/gpu']; } },
  { id: 'K18', name: 'vLLM GPU image without GPU', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { delete c.resources.limits['nvidia.com/gpu']; delete c.resources.requests['nvidia.com/gpu']; } },
  { id: 'K18', name: 'AMD GPU whole and equal', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { delete c.resources.limits['nvidia.com/gpu']; delete c.resources.requests['nvidia.com/gpu']; c.resources.limits['amd.com/gpu'] = 2; c.resources.requests['amd.com/gpu'] = 2; } },
  // K19 image tag
  { id: 'K19', name: 'latest tag', expect: 'fail', levels: C, when: withImage, apply: c => { c.image = 'vllm/vllm-openai:latest'; } },
  { id: 'K19', name: 'no tag', expect: 'fail', levels: C, when: withImage, apply: c => { c.image = 'registry.example.com:5000/kserve/storage-initializer'; } },
  { id: 'K19', name: 'tag without digest in strict mode', expect: 'fail', levels: C, when: withImage, options: { requireDigest: true }, apply: c => { c.image = 'vllm/vllm-openai:v0.11.0'; c.imagePullPolicy = 'Always'; } },
  { id: 'K19', name: 'digest in strict mode', expect: 'pass', levels: C, when: withImage, options: { requireDigest: true }, apply: () => undefined },
  { id: 'K19', name: 'tag with registry port', expect: 'pass', levels: C, when: withImage, apply: c => { c.image = 'registry.example.com:5000/vllm/vllm-openai:v0.11.0'; c.imagePullPolicy = 'Always'; } },
  // K20 pull policy
  { id: 'K20', name: 'IfNotPresent on a tag', expect: 'fail', levels: C, when: withImage, apply: c => { c.image = 'vllm/vllm-openai:v0.11.0'; } },
  { id: 'K20', name: 'pull policy unset on a tag', expect: 'fail', levels: C, when: withImage, apply: c => { c.image = 'vllm/vllm-openai:v0.11.0'; delete c.imagePullPolicy; } },
  { id: 'K20', name: 'Always on a tag', expect: 'pass', levels: C, when: withImage, apply: c => { c.image = 'vllm/vllm-openai:v0.11.0'; c.imagePullPolicy = 'Always'; } },
  // K21 literal secrets
  { id: 'K21', name: 'literal HF_TOKEN', expect: 'fail', levels: C, apply: c => { setEnv(c, 'HF_TOKEN', 'hf_abcdef'); } },
  { id: 'K21', name: 'literal DB_PASSWORD', expect: 'fail', levels: C, apply: c => { setEnv(c, 'DB_PASSWORD', 'hunter2'); } },
  { id: 'K21', name: 'PEM private key in env', expect: 'fail', levels: C, apply: c => { setEnv(c, 'TLS', '-----BEGIN RSA PRIVATE KEY-----\nMIIE'); } },
  { id: 'K21', name: 'OpenSSH private key with three dashes', expect: 'fail', levels: C, apply: c => { setEnv(c, 'DEPLOY', '---BEGIN OPENSSH PRIVATE KEY---\nAAAA\n---END OPENSSH PRIVATE KEY---'); } },
  { id: 'K21', name: 'literal --api-key', expect: 'fail', levels: C, apply: c => { addArgs(c, '--api-key', 'sk-123'); } },
  { id: 'K21', name: 'literal API_KEY', expect: 'fail', levels: C, apply: c => { setEnv(c, 'INFERENCE_API_KEY', 'abc123def'); } },
  { id: 'K21', name: 'literal private key by name', expect: 'fail', levels: C, apply: c => { setEnv(c, 'SIGNING_PRIVATE_KEY', 'abc123def'); } },
  { id: 'K21', name: 'tokenizer and token-count settings', expect: 'pass', levels: C, apply: c => { setEnv(c, 'TOKENIZERS_PARALLELISM', 'false'); setEnv(c, 'MAX_BATCH_TOKENS', '16384'); setEnv(c, 'DISABLE_TOKEN_LOGGING', 'true'); } },
  { id: 'K21', name: 'token path and switches', expect: 'pass', levels: C, apply: c => { setEnv(c, 'HF_TOKEN_PATH', '/var/run/secrets/hf/token'); setEnv(c, 'HF_HUB_DISABLE_IMPLICIT_TOKEN', '1'); addArgs(c, '--api-key=$(VLLM_API_KEY)'); } },
  // K23 duplicate env
  { id: 'K23', name: 'env set twice', expect: 'fail', levels: C, apply: c => { c.env.push({ ...c.env[0] }); } },
  { id: 'K23', name: 'one more distinct env', expect: 'pass', levels: C, apply: c => { c.env.push({ name: 'LOG_LEVEL', value: 'info' }); } },
  // K24 probes
  { id: 'K24', name: 'no readinessProbe', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { delete c.readinessProbe; } },
  { id: 'K24', name: 'no livenessProbe', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { delete c.livenessProbe; } },
  { id: 'K24', name: 'no startupProbe on a model server', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { delete c.startupProbe; } },
  { id: 'K24', name: 'liveness identical to readiness', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.livenessProbe = JSON.parse(JSON.stringify(c.readinessProbe)); } },
  { id: 'K24', name: 'probe on an undeclared port', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.readinessProbe = { httpGet: { path: '/ready', port: 'metrics' }, periodSeconds: 5 }; } },
  // K25 selectors
  { id: 'K25', name: 'Service selects nothing', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.selector = { 'app.kubernetes.io/instance': 'other' }; } },
  { id: 'K25', name: 'NetworkPolicy selects nothing', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.podSelector = { matchLabels: { 'app.kubernetes.io/instance': 'other' } }; } },
  { id: 'K25', name: 'PDB selects nothing', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').spec.selector = { matchExpressions: [{ key: 'app.kubernetes.io/instance', operator: 'In', values: ['other'] }] }; } },
  { id: 'K25', name: 'Deployment selector misses its template', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Deployment').spec.selector = { matchLabels: { app: 'x' } }; } },
  { id: 'K25', name: 'HPA targets no pod template', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'HorizontalPodAutoscaler').spec.scaleTargetRef.kind = 'StatefulSet'; } },
  { id: 'K25', name: 'NetworkPolicy on the KServe component label', expect: 'pass', levels: ['bundle'], bases: ['isvc-model', 'isvc-containers'], apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.podSelector = { matchLabels: { component: 'predictor' } }; } },
  // K26 Services
  { id: 'K26', name: 'LoadBalancer', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.type = 'LoadBalancer'; } },
  { id: 'K26', name: 'NodePort', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.type = 'NodePort'; } },
  { id: 'K26', name: 'externalIPs', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.externalIPs = ['203.0.113.7']; } },
  { id: 'K26', name: 'TorchServe management port in the Service', expect: 'fail', levels: ['bundle'], bases: ['torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.ports.push({ name: 'mgmt', port: 8081, targetPort: 8081 }); } },
  // K27 ports
  { id: 'K27', name: 'invalid port name', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.ports[0].name = 'HTTP_Port'; } },
  { id: 'K27', name: 'port name longer than 15', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.ports[0].name = 'inference-http-port'; } },
  { id: 'K27', name: 'port 22', expect: 'fail', levels: C, apply: c => { c.ports = [...(c.ports ?? []), { name: 'ssh', containerPort: 22 }]; } },
  { id: 'K27', name: 'privileged port 80', expect: 'fail', levels: C, apply: c => { c.ports = [...(c.ports ?? []), { name: 'web', containerPort: 80 }]; } },
  { id: 'K27', name: 'Service targetPort name invalid', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Service').spec.ports[0].targetPort = 'Bad--Name'; } },
  // K28 default deny
  { id: 'K28', name: 'no default-deny policy', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { o.splice(o.indexOf(find(o, 'NetworkPolicy', '-default-deny')), 1); } },
  { id: 'K28', name: 'deny policy covers Ingress only', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-default-deny').spec.policyTypes = ['Ingress']; } },
  { id: 'K28', name: 'namespace-wide deny (empty podSelector)', expect: 'pass', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-default-deny').spec.podSelector = {}; } },
  // K29 allow policy
  { id: 'K29', name: 'no allow policy', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { o.splice(o.indexOf(find(o, 'NetworkPolicy', '-allow')), 1); } },
  { id: 'K29', name: 'allow policy without egress rules', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress = []; } },
  { id: 'K29', name: 'allow policy without Egress type', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.policyTypes = ['Ingress']; } },
  { id: 'K29', name: 'ingress rule from anywhere', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { delete find(o, 'NetworkPolicy', '-allow').spec.ingress[0].from; } },
  // K30 egress
  { id: 'K30', name: '0.0.0.0/0 without metadata exception', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to[0].ipBlock = { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] }; } },
  { id: 'K30', name: 'egress rule without "to"', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { delete find(o, 'NetworkPolicy', '-allow').spec.egress[1].to; } },
  { id: 'K30', name: '169.254.0.0/16 allowed', expect: 'fail', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to = [{ ipBlock: { cidr: '169.254.0.0/16' } }]; } },
  { id: 'K30', name: 'offline pod without downloader has HTTPS egress', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { delete p.initContainers; } },
  { id: 'K30', name: 'metadata excepted by a wider block', expect: 'pass', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to[0].ipBlock = { cidr: '0.0.0.0/0', except: ['169.254.0.0/16'] }; } },
  // K38 internet egress of long-running pods
  { id: 'K38', name: 'serving pods granted 0.0.0.0/0:443', expect: 'fail', levels: ['bundle'], bases: WITH_NP.filter(b => b !== 'job'), apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to[0].ipBlock = { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }; } },
  { id: 'K38', name: 'serving pods granted any destination on 443 (no "to")', expect: 'fail', levels: ['bundle'], bases: WITH_NP.filter(b => b !== 'job'), apply: (o: Obj[]) => { delete find(o, 'NetworkPolicy', '-allow').spec.egress[1].to; } },
  { id: 'K38', name: 'a Job (runs to completion) may download from the internet', expect: 'pass', levels: ['bundle'], bases: ['job'], apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to[0].ipBlock = { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }; } },
  { id: 'K38', name: 'egress to a private range only', expect: 'pass', levels: ['bundle'], bases: WITH_NP, apply: (o: Obj[]) => { find(o, 'NetworkPolicy', '-allow').spec.egress[1].to[0].ipBlock = { cidr: '172.20.0.0/16' }; } },
  // K31 HPA
  { id: 'K31', name: 'HPA target missing', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'HorizontalPodAutoscaler').spec.scaleTargetRef.name = 'other'; } },
  { id: 'K31', name: 'targeted Deployment sets replicas', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'Deployment').spec.replicas = 2; } },
  { id: 'K31', name: 'min == max', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'HorizontalPodAutoscaler').spec.maxReplicas = 2; } },
  { id: 'K31', name: 'minReplicas 1', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'HorizontalPodAutoscaler').spec.minReplicas = 1; } },
  // K31 KEDA ScaledObject
  ...[
    { name: 'ScaledObject target missing', target: 'other', replicas: undefined },
    { name: 'ScaledObject target sets replicas', target: 'chat', replicas: 2 },
  ].map(m => ({
    id: 'K31', name: m.name, expect: 'fail' as const, levels: ['bundle'] as Level[], bases: ['deployment'] as BaseName[],
    apply: (o: Obj[]) => {
      const d = find(o, 'Deployment');
      o.splice(o.indexOf(find(o, 'HorizontalPodAutoscaler')), 1);
      if (m.replicas !== undefined) d.spec.replicas = m.replicas;
      o.push({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { ...d.metadata, name: 'chat-scaler' }, spec: { scaleTargetRef: { name: m.target }, minReplicaCount: 1, maxReplicaCount: 4, triggers: [] } });
    },
  })),
  // K37 references
  { id: 'K37', name: 'Secret reference not declared external', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'job', 'isvc-containers'], apply: (o: Obj[]) => { for (const x of o) delete x.metadata.annotations; } },
  { id: 'K37', name: 'mounted ConfigMap missing (error)', expect: 'fail', levels: ['bundle'], bases: ['torchserve'], apply: (o: Obj[]) => { o.splice(o.indexOf(find(o, 'ConfigMap')), 1); } },
  { id: 'K37', name: 'claim declared through options.external', expect: 'pass', levels: ['bundle'], bases: ['torchserve'], options: { external: { persistentVolumeClaims: ['ml-serving/model-store'] } }, apply: (o: Obj[]) => { delete find(o, 'Deployment').metadata.annotations; } },
  { id: 'K37', name: 'optional Secret reference', expect: 'pass', levels: ['main'], bases: ['deployment'], apply: c => { for (const e of c.env ?? []) if (e.valueFrom?.secretKeyRef) e.valueFrom.secretKeyRef.optional = true; } },
  { id: 'K37', name: 'Secret created by an ExternalSecret', expect: 'pass', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { const d = find(o, 'Deployment'); d.metadata.annotations = { 'external.hf-serving-constructs.io/refs': 'Secret/hf-secret' }; o.push({ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { ...d.metadata, name: 'key-sync' }, spec: { target: { name: 'llm-api-key' } } }); } },
  // K32 PDB
  { id: 'K32', name: 'maxUnavailable 0', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').spec.maxUnavailable = 0; } },
  { id: 'K32', name: 'maxUnavailable 0%', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').spec.maxUnavailable = '0%'; } },
  { id: 'K32', name: 'minAvailable 100%', expect: 'fail', levels: ['bundle'], bases: ['torchserve'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').spec.minAvailable = '100%'; } },
  { id: 'K32', name: 'minAvailable = HPA minimum', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { const s = find(o, 'PodDisruptionBudget').spec; delete s.maxUnavailable; s.minAvailable = 2; } },
  { id: 'K32', name: 'minAvailable = replicas', expect: 'fail', levels: ['bundle'], bases: ['torchserve'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').spec.minAvailable = 2; } },
  { id: 'K32', name: 'no unhealthyPodEvictionPolicy', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { delete find(o, 'PodDisruptionBudget').spec.unhealthyPodEvictionPolicy; } },
  { id: 'K32', name: 'minAvailable 1 below HPA minimum 2', expect: 'pass', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { const s = find(o, 'PodDisruptionBudget').spec; delete s.maxUnavailable; s.minAvailable = 1; } },
  // K33 rollout
  { id: 'K33', name: 'Recreate strategy', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Deployment').spec.strategy = { type: 'Recreate' }; } },
  { id: 'K33', name: 'several replicas, no spread', expect: 'fail', levels: ['pod'], bases: ['deployment', 'torchserve'], apply: p => { delete p.topologySpreadConstraints; } },
  { id: 'K33', name: 'anti-affinity instead of spread', expect: 'pass', levels: ['pod'], bases: ['deployment', 'torchserve'], apply: p => { delete p.topologySpreadConstraints; p.affinity = { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { x: 'y' } } } }] } }; } },
  { id: 'K33', name: 'RollingUpdate with maxSurge 0 (GPU)', expect: 'pass', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Deployment').spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } }; } },
  // K34 namespace
  { id: 'K34', name: 'namespace default', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { for (const x of o) x.metadata.namespace = 'default'; } },
  { id: 'K34', name: 'namespace kube-system', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { o[0].metadata.namespace = 'kube-system'; } },
  { id: 'K34', name: 'namespace unset', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { delete o[0].metadata.namespace; } },
  // K35 API versions
  { id: 'K35', name: 'apps/v1beta1 Deployment', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'Deployment').apiVersion = 'apps/v1beta1'; } },
  { id: 'K35', name: 'autoscaling/v2beta2 HPA', expect: 'fail', levels: ['bundle'], bases: ['deployment'], apply: (o: Obj[]) => { find(o, 'HorizontalPodAutoscaler').apiVersion = 'autoscaling/v2beta2'; } },
  { id: 'K35', name: 'policy/v1beta1 PDB', expect: 'fail', levels: ['bundle'], bases: ['deployment', 'torchserve'], apply: (o: Obj[]) => { find(o, 'PodDisruptionBudget').apiVersion = 'policy/v1beta1'; } },
  { id: 'K35', name: 'batch/v1beta1 Job', expect: 'fail', levels: ['bundle'], bases: ['job'], apply: (o: Obj[]) => { find(o, 'Job').apiVersion = 'batch/v1beta1'; } },
  { id: 'K35', name: 'InferenceService v1alpha1', expect: 'fail', levels: ['bundle'], bases: ['isvc-model', 'isvc-containers'], apply: (o: Obj[]) => { find(o, 'InferenceService').apiVersion = 'serving.kserve.io/v1alpha1'; } },
  // K36 labels
  { id: 'K36', name: 'no name label', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { for (const x of o) delete x.metadata.labels['app.kubernetes.io/name']; } },
  { id: 'K36', name: 'instance label differs from the workload name', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { for (const x of o) x.metadata.labels['app.kubernetes.io/instance'] = 'something-else'; } },
  { id: 'K36', name: 'invalid label value', expect: 'fail', levels: ['bundle'], apply: (o: Obj[]) => { o[0].metadata.labels['app.kubernetes.io/part-of'] = '-bad value'; } },
  // M01 remote code
  { id: 'M01', name: 'vLLM --trust-remote-code', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { addArgs(c, '--trust-remote-code'); } },
  { id: 'M01', name: 'KServe --trust_remote_code', expect: 'fail', levels: ['main'], bases: ['isvc-model'], apply: c => { addArgs(c, '--trust_remote_code'); } },
  { id: 'M01', name: 'Infinity without --no-trust-remote-code', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'michaelf34/infinity:0.0.77'; c.command = ['infinity_emb', 'v2']; c.args = ['--model-id', '/mnt/models', '--port', '8000']; } },
  { id: 'M01', name: 'Infinity INFINITY_TRUST_REMOTE_CODE=true', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'michaelf34/infinity:0.0.77'; c.command = ['infinity_emb', 'v2']; c.args = ['--model-id', '/mnt/models']; setEnv(c, 'INFINITY_TRUST_REMOTE_CODE', 'true'); } },
  { id: 'M01', name: 'Infinity with --no-trust-remote-code', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { c.image = 'michaelf34/infinity:0.0.77'; c.command = ['infinity_emb', 'v2']; c.args = ['--model-id', '/mnt/models', '--no-trust-remote-code']; } },
  { id: 'M01', name: 'Infinity with INFINITY_TRUST_REMOTE_CODE=false', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { c.image = 'michaelf34/infinity:0.0.77'; c.command = ['infinity_emb', 'v2']; c.args = ['--model-id', '/mnt/models']; setEnv(c, 'INFINITY_TRUST_REMOTE_CODE', 'false'); } },
  // M02 remote code pinned
  { id: 'M02', name: 'remote code, Hub model, no revisions', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--trust-remote-code']; } },
  { id: 'M02', name: 'remote code, revisions differ', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--trust-remote-code', `--revision=${COMMIT}`, `--code-revision=${'b'.repeat(40)}`, `--tokenizer-revision=${COMMIT}`]; } },
  { id: 'M02', name: 'remote code, branch revision', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--trust-remote-code', '--revision=main', '--code-revision=main', '--tokenizer-revision=main']; } },
  { id: 'M02', name: 'remote code, local model, unpinned download', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { addArgs(p.containers[0], '--trust-remote-code'); p.initContainers[0].command[2] = p.initContainers[0].command[2].replace(`:${COMMIT}`, ''); } },
  { id: 'M02', name: 'remote code, unpinned storageUri', expect: 'fail', levels: ['pod'], bases: ['isvc-model'], apply: p => { addArgs(p.model, '--trust_remote_code'); p.model.storageUri = 'hf://thenlper/gte-base'; } },
  { id: 'M02', name: 'remote code, Hub model, all three pinned alike', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--trust-remote-code', `--revision=${COMMIT}`, `--code-revision=${COMMIT}`, `--tokenizer-revision=${COMMIT}`]; } },
  { id: 'M02', name: 'remote code, local model from a pinned download', expect: 'pass', levels: ['main'], bases: [...VLLM, 'isvc-model'], skipTemplates: true, apply: c => { addArgs(c, '--trust-remote-code'); } },
  // M03 pinned downloads
  { id: 'M03', name: 'unpinned storageUri', expect: 'fail', levels: ['main'], bases: ['isvc-model'], apply: c => { c.storageUri = 'hf://thenlper/gte-base'; } },
  { id: 'M03', name: 'component storageUris entry unpinned', expect: 'fail', levels: ['pod'], bases: ['isvc-model', 'isvc-containers'], apply: p => { p.storageUris = [{ uri: 'hf://acme/adapter', mountPath: '/mnt/adapter' }]; } },
  { id: 'M03', name: 'storageUri on a branch', expect: 'fail', levels: ['main'], bases: ['isvc-model'], apply: c => { c.storageUri = 'hf://thenlper/gte-base:main'; } },
  { id: 'M03', name: 'unpinned hf:// download', expect: 'fail', levels: ['init'], apply: c => { c.command[2] = c.command[2].replace(`:${COMMIT}`, ''); } },
  { id: 'M03', name: 'Job download unpinned', expect: 'fail', levels: ['main'], bases: ['job'], apply: c => { c.command[2] = c.command[2].replace(`:${COMMIT}`, ':v1.0'); } },
  { id: 'M03', name: 'vLLM Hub model without --revision', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--load-format=safetensors']; } },
  { id: 'M03', name: 'vLLM --revision main', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', '--revision', 'main']; } },
  { id: 'M03', name: 'KServe --model_revision short sha', expect: 'fail', levels: ['main'], bases: ['isvc-model'], apply: c => { addArgs(c, '--model_revision=a09a354'); } },
  { id: 'M03', name: 'TEI REVISION env is a branch', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'ghcr.io/huggingface/text-embeddings-inference:1.8'; c.command = ['text-embeddings-router']; c.args = []; setEnv(c, 'MODEL_ID', 'BAAI/bge-small-en-v1.5'); setEnv(c, 'REVISION', 'main'); } },
  { id: 'M03', name: 'vLLM Hub model with pinned --revision', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { c.args = ['acme/chat', `--revision=${COMMIT}`, '--load-format=safetensors']; } },
  // M04 pickle
  { id: 'M04', name: '--load-format pt', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = c.args.map((a: string) => (a.startsWith('--load-format') ? '--load-format=pt' : a)); } },
  { id: 'M04', name: '--load-format npcache', expect: 'fail', levels: ['main'], bases: [...VLLM, 'isvc-model'], apply: c => { addArgs(c, '--load-format', 'npcache'); } },
  { id: 'M04', name: 'vLLM without --load-format', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.args = c.args.filter((a: string) => !a.startsWith('--load-format')); } },
  { id: 'M04', name: 'allow-list "*"', expect: 'fail', levels: ['init'], apply: c => { setEnv(c, 'STORAGE_ALLOW_PATTERNS', '["*"]'); } },
  { id: 'M04', name: 'allow-list *.bin', expect: 'fail', levels: ['init'], apply: c => { setEnv(c, 'STORAGE_ALLOW_PATTERNS', '["*.safetensors","*.bin"]'); } },
  { id: 'M04', name: 'comma allow-list *.pt', expect: 'fail', levels: ['init'], apply: c => { setEnv(c, 'STORAGE_ALLOW_PATTERNS', '*.safetensors,*.pt'); } },
  { id: 'M04', name: 'allow-list model.p[kt]*', expect: 'fail', levels: ['init'], apply: c => { setEnv(c, 'STORAGE_ALLOW_PATTERNS', '["model.p[kt]*"]'); } },
  { id: 'M04', name: 'downloader without allow-list', expect: 'fail', levels: ['init'], apply: c => { dropEnv(c, 'STORAGE_ALLOW_PATTERNS'); } },
  { id: 'M04', name: 'Job downloader without allow-list', expect: 'fail', levels: ['main'], bases: ['job'], apply: c => { dropEnv(c, 'STORAGE_ALLOW_PATTERNS'); } },
  { id: 'M04', name: 'allow-list safetensors, json, tokenizer', expect: 'pass', levels: ['init'], apply: c => { setEnv(c, 'STORAGE_ALLOW_PATTERNS', '*.safetensors,*.json,tokenizer*'); } },
  // M05 telemetry
  { id: 'M05', name: 'no HF_HUB_DISABLE_TELEMETRY', expect: 'fail', levels: C, apply: c => { dropEnv(c, 'HF_HUB_DISABLE_TELEMETRY'); } },
  { id: 'M05', name: 'DO_NOT_TRACK=0', expect: 'fail', levels: C, apply: c => { setEnv(c, 'DO_NOT_TRACK', '0'); } },
  { id: 'M05', name: 'VLLM_NO_USAGE_STATS=true (vLLM compares to "1")', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { setEnv(c, 'VLLM_NO_USAGE_STATS', 'true'); } },
  { id: 'M05', name: 'Infinity without INFINITY_ANONYMOUS_USAGE_STATS=0', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'michaelf34/infinity:0.0.77'; c.command = ['infinity_emb', 'v2']; c.args = ['--model-id', '/mnt/models', '--no-trust-remote-code']; } },
  { id: 'M05', name: 'HF_HUB_DISABLE_TELEMETRY=true', expect: 'pass', levels: C, apply: c => { setEnv(c, 'HF_HUB_DISABLE_TELEMETRY', 'true'); } },
  // M06 offline
  { id: 'M06', name: 'local model without HF_HUB_OFFLINE', expect: 'fail', levels: ['main'], bases: ['deployment', 'isvc-model', 'isvc-containers'], skipTemplates: true, apply: c => { dropEnv(c, 'HF_HUB_OFFLINE'); } },
  { id: 'M06', name: 'local model without TRANSFORMERS_OFFLINE', expect: 'fail', levels: ['main'], bases: ['deployment', 'isvc-model', 'isvc-containers'], skipTemplates: true, apply: c => { dropEnv(c, 'TRANSFORMERS_OFFLINE'); } },
  { id: 'M06', name: 'offline server with HF_TOKEN_PATH', expect: 'fail', levels: ['main'], bases: ['deployment', 'isvc-model', 'isvc-containers'], skipTemplates: true, apply: c => { setEnv(c, 'HF_TOKEN_PATH', '/var/run/secrets/hf/token'); } },
  { id: 'M06', name: 'HF_HUB_OFFLINE=true, TRANSFORMERS_OFFLINE=YES', expect: 'pass', levels: ['main'], bases: ['deployment', 'isvc-model', 'isvc-containers'], skipTemplates: true, apply: c => { setEnv(c, 'HF_HUB_OFFLINE', 'true'); setEnv(c, 'TRANSFORMERS_OFFLINE', 'YES'); } },
  // M07 token placement
  { id: 'M07', name: 'HF_TOKEN in the serving container', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.env.push({ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }); } },
  { id: 'M07', name: 'HUGGING_FACE_HUB_TOKEN in the serving container', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { c.env.push({ name: 'HUGGING_FACE_HUB_TOKEN', valueFrom: { secretKeyRef: { name: 'hf', key: 'token' } } }); } },
  { id: 'M07', name: '--hf-token in the serving container', expect: 'fail', levels: ['main'], bases: SERVING, apply: c => { addArgs(c, '--hf-token=$(TOKEN)'); } },
  { id: 'M07', name: 'literal HF_TOKEN in the downloader', expect: 'fail', levels: ['init'], apply: c => { setEnv(c, 'HF_TOKEN', 'hf_abc'); } },
  { id: 'M07', name: 'HF_TOKEN_PATH file in the downloader', expect: 'pass', levels: ['init'], apply: c => { dropEnv(c, 'HF_TOKEN'); setEnv(c, 'HF_TOKEN_PATH', '/var/run/secrets/hf/token'); } },
  // M08 API auth
  { id: 'M08', name: 'vLLM without VLLM_API_KEY', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { dropEnv(c, 'VLLM_API_KEY'); } },
  { id: 'M08', name: 'TEI without API_KEY', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'ghcr.io/huggingface/text-embeddings-inference:1.8'; c.command = ['text-embeddings-router']; c.args = ['--model-id', '/mnt/models']; } },
  { id: 'M08', name: 'TorchServe --disable-token-auth', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { addArgs(c, '--disable-token-auth'); } },
  { id: 'M08', name: 'vLLM --api-key from env', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { dropEnv(c, 'VLLM_API_KEY'); addArgs(c, '--api-key', '$(KEY)'); } },
  // M09 forbidden switches
  { id: 'M09', name: 'VLLM_SERVER_DEV_MODE=1', expect: 'fail', levels: C, apply: c => { setEnv(c, 'VLLM_SERVER_DEV_MODE', '1'); } },
  { id: 'M09', name: 'VLLM_ALLOW_INSECURE_SERIALIZATION=1', expect: 'fail', levels: C, apply: c => { setEnv(c, 'VLLM_ALLOW_INSECURE_SERIALIZATION', '1'); } },
  { id: 'M09', name: 'VLLM_ALLOW_RUNTIME_LORA_UPDATING=True', expect: 'fail', levels: C, apply: c => { setEnv(c, 'VLLM_ALLOW_RUNTIME_LORA_UPDATING', 'True'); } },
  { id: 'M09', name: 'VLLM_TORCH_PROFILER_DIR', expect: 'fail', levels: C, apply: c => { setEnv(c, 'VLLM_TORCH_PROFILER_DIR', '/tmp/prof'); } },
  { id: 'M09', name: '--enable-tokenizer-info-endpoint', expect: 'fail', levels: C, apply: c => { addArgs(c, '--enable-tokenizer-info-endpoint'); } },
  { id: 'M09', name: '--tool-server demo', expect: 'fail', levels: C, apply: c => { addArgs(c, '--tool-server', 'demo'); } },
  { id: 'M09', name: '--profiler-config.profiler=torch', expect: 'fail', levels: C, apply: c => { addArgs(c, '--profiler-config.profiler=torch'); } },
  { id: 'M09', name: 'VLLM_ALLOW_RUNTIME_LORA_UPDATING=false', expect: 'pass', levels: C, apply: c => { setEnv(c, 'VLLM_ALLOW_RUNTIME_LORA_UPDATING', 'false'); } },
  // M10 TorchServe
  { id: 'M10', name: '--enable-model-api', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { addArgs(c, '--enable-model-api'); } },
  { id: 'M10', name: '--disable-token-auth', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { addArgs(c, '--disable-token-auth'); } },
  { id: 'M10', name: 'TS_ENABLE_MODEL_API=true', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { setEnv(c, 'TS_ENABLE_MODEL_API', 'true'); } },
  ...[
    ['enable_model_api', 'true'], ['disable_token_authorization', 'true'], ['install_py_dep_per_model', 'true'],
    ['enable_envvars_config', 'true'], ['allowed_urls', 'file://.*|http(s)?://.*'], ['allowed_urls', undefined],
    ['allowed_urls', 'https://.*'], ['management_address', 'http://0.0.0.0:8081'], ['blacklist_env_vars', undefined],
  ].map(([k, v]) => ({
    id: 'M10', name: `config.properties ${k}=${v ?? '(unset)'}`, expect: 'fail' as const, levels: ['bundle'] as Level[], bases: ['torchserve'] as BaseName[],
    apply: (o: Obj[]) => setConfig(o, replaceProp(k as string, v)),
  })),
  { id: 'M10', name: 'no config.properties mounted', expect: 'fail', levels: ['pod'], bases: ['torchserve'], apply: p => { p.volumes = p.volumes.filter((v: Obj) => v.name !== 'config'); p.containers[0].volumeMounts = p.containers[0].volumeMounts.filter((m: Obj) => m.name !== 'config'); } },
  { id: 'M10', name: 'config via a projected volume', expect: 'pass', levels: ['pod'], bases: ['torchserve'], apply: p => { const v = p.volumes.find((x: Obj) => x.name === 'config'); delete v.configMap; v.projected = { sources: [{ configMap: { name: 'resnet-config' } }] }; } },
  // M14 remote code in a sandboxed runtime
  { id: 'M14', name: 'vLLM --trust-remote-code without runtimeClassName', expect: 'fail', levels: ['pod'], bases: VLLM, apply: p => { addArgs(p.containers[0], '--trust-remote-code'); } },
  { id: 'M14', name: 'KServe --trust_remote_code without runtimeClassName', expect: 'fail', levels: ['pod'], bases: ['isvc-model'], apply: p => { addArgs(p.model, '--trust_remote_code'); } },
  { id: 'M14', name: 'vLLM --trust-remote-code with runtimeClassName gvisor', expect: 'pass', levels: ['pod'], bases: VLLM, apply: p => { addArgs(p.containers[0], '--trust-remote-code'); p.runtimeClassName = 'gvisor'; } },
  { id: 'M14', name: 'no remote code, no runtimeClassName', expect: 'pass', levels: ['pod'], bases: VLLM, apply: () => undefined },
  // M13 engine versions
  { id: 'M13', name: 'vLLM v0.10.2', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { c.image = 'vllm/vllm-openai:v0.10.2'; } },
  { id: 'M13', name: 'TorchServe 0.8.2', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { c.image = 'pytorch/torchserve:0.8.2-cpu'; } },
  { id: 'M13', name: 'vLLM by digest only', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { c.image = c.image.replace(':v0.11.0', ''); } },
  { id: 'M13', name: 'TorchServe 0.11.1', expect: 'pass', levels: ['main'], bases: ['torchserve'], apply: c => { c.image = 'pytorch/torchserve:0.11.1-gpu'; } },
  // M15 locked flags written whole and once
  { id: 'M15', name: '--trust-remote (abbreviation)', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { addArgs(c, '--trust-remote'); } },
  { id: 'M15', name: '--t (ambiguous)', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { addArgs(c, '--t'); } },
  { id: 'M15', name: '--disable-token (TorchServe abbreviation)', expect: 'fail', levels: ['main'], bases: ['torchserve'], apply: c => { addArgs(c, '--disable-token'); } },
  { id: 'M15', name: '--port given twice', expect: 'fail', levels: ['main'], bases: VLLM, apply: c => { addArgs(c, '--port=9000', '--port=9001'); } },
  { id: 'M15', name: '--tokenizer (a whole flag)', expect: 'pass', levels: ['main'], bases: VLLM, apply: c => { addArgs(c, '--tokenizer', 'other/tokenizer'); } },
  // M12 integrity
  { id: 'M12', name: 'digest not 64 lowercase hex', expect: 'fail', levels: ['init'], apply: c => { c.command[2] = c.command[2].replace(/'[0-9a-f]{64} {2}/, "'ABC123  "); } },
  { id: 'M12', name: 'Job digest uppercase', expect: 'fail', levels: ['main'], bases: ['job'], apply: c => { c.command[2] = c.command[2].replace(/'([0-9a-f]{64}) {2}/, (_m: string, d: string) => `'${d.toUpperCase()}  `); } },
  {
    id: 'M12', name: 'verification in the serving container', expect: 'fail', levels: ['main'], bases: VLLM,
    apply: c => { c.command = ['/bin/sh', '-c', `printf '%s\\n' '${'ab'.repeat(32)}  model.safetensors' | sha256sum -c - && exec vllm serve /mnt/models`]; c.args = []; },
  },
  { id: 'M12', name: 'several valid digests', expect: 'pass', levels: ['init'], apply: c => { c.command[2] = c.command[2].replace("| sha256sum", `'${'0'.repeat(64)}  config.json' | sha256sum`); } },
];
