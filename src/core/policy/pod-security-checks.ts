import { allContainers, isObject, Json } from './manifest';
import { perContainer, perPod, Rule, sc } from './rule';

/** Capabilities a restricted pod may add. */
const RESTRICTED_ADD = new Set(['NET_BIND_SERVICE']);
/** Volume sources the Pod Security Standards "restricted" level allows. */
const RESTRICTED_VOLUMES = new Set(['configMap', 'downwardAPI', 'emptyDir', 'projected', 'secret', 'csi', 'persistentVolumeClaim', 'ephemeral',
  'image']);
/** Sysctls the "baseline" level allows. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem', 'net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat',
]);
/** SELinux types the "baseline" level allows. */
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
/** Seccomp / AppArmor profile types that confine. */
const CONFINED = new Set(['RuntimeDefault', 'Localhost']);
/** Minimum UID/GID kube-score and kubesec ask for (avoids overlap with host users). */
const MIN_ID = 10000;
const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** Windows pods are exempt from the Linux-only restricted requirements (drop ALL, no escalation, seccomp), as in PSA since 1.25. */
function windows(p: { pod: Json }): boolean {
  return p.pod.os?.name === 'windows';
}

/** Pod Security Standards checks (baseline and restricted), K01–K12. */
export const POD_SECURITY_RULES: readonly Rule[] = [
  {
    id: 'K01', title: 'no host namespaces', severity: 'error',
    source: 'PSA hostNamespaces; kube-linter host-network/host-pid/host-ipc; Polaris hostNetworkSet/hostPIDSet/hostIPCSet; kubesec ' +
      'HostNetwork/HostPID/HostIPC',
    fix: 'remove hostNetwork, hostPID and hostIPC (or set them false)',
    run: perPod((p, add) => {
      for (const f of ['hostNetwork', 'hostPID', 'hostIPC']) if (p.pod[f] === true) add(`${f} is true`, { field: f });
    }),
  },
  {
    id: 'K02', title: 'no privileged containers', severity: 'error',
    source: 'PSA privileged; kube-linter privileged-container; Polaris runAsPrivileged; kubesec Privileged',
    fix: 'set securityContext.privileged: false (or remove it)',
    run: perContainer((c, _p, add) => {
      if (sc(c.spec).privileged === true) add('securityContext.privileged is true', { field: 'securityContext.privileged' });
    }),
  },
  {
    id: 'K03', title: 'capabilities drop ALL', severity: 'error',
    source: 'PSA capabilities_restricted; Polaris insecureCapabilities; kube-linter drop-net-raw-capability; kubesec CapDropAll',
    fix: 'set securityContext.capabilities.drop: [ALL]',
    run: perContainer((c, p, add) => {
      if (windows(p)) return;
      const drop = sc(c.spec).capabilities?.drop;
      if (!Array.isArray(drop) || !drop.includes('ALL')) {
        add('securityContext.capabilities.drop does not contain ALL', { field: 'securityContext.capabilities.drop' });
      }
    }),
  },
  {
    id: 'K04', title: 'no added capabilities beyond NET_BIND_SERVICE', severity: 'error',
    source: 'PSA capabilities_baseline/capabilities_restricted; Polaris dangerousCapabilities; kubesec CapSysAdmin',
    fix: 'remove securityContext.capabilities.add (NET_BIND_SERVICE is the only capability allowed)',
    run: perContainer((c, _p, add) => {
      const added = sc(c.spec).capabilities?.add;
      for (const cap of Array.isArray(added) ? added : []) {
        if (!RESTRICTED_ADD.has(String(cap))) {
          add(`securityContext.capabilities.add contains ${String(cap)}`, { field: 'securityContext.capabilities.add' });
        }
      }
    }),
  },
  {
    id: 'K05', title: 'allowPrivilegeEscalation false', severity: 'error',
    source: 'PSA allowPrivilegeEscalation; kube-linter privilege-escalation-container; Polaris privilegeEscalationAllowed; kubesec ' +
      'AllowPrivilegeEscalation; NSA 1.7',
    fix: 'set securityContext.allowPrivilegeEscalation: false on every container',
    run: perContainer((c, p, add) => {
      if (windows(p)) return;
      const v = sc(c.spec).allowPrivilegeEscalation;
      if (v !== false) {
        const shown = v === undefined ? 'unset' : String(v);
        add(`securityContext.allowPrivilegeEscalation is ${shown}, not false`, { field: 'securityContext.allowPrivilegeEscalation' });
      }
    }),
  },
  {
    id: 'K06', title: 'runs as non-root', severity: 'error',
    source: 'PSA runAsNonRoot, runAsUser; kube-linter run-as-non-root; Polaris runAsRootAllowed; NSA 1.0',
    fix: 'set pod securityContext.runAsNonRoot: true and a non-zero runAsUser; never runAsNonRoot: false or runAsUser: 0',
    run: perPod((p, add) => {
      const pod = sc(p.pod);
      if (pod.runAsNonRoot === false) add('pod securityContext.runAsNonRoot is false');
      if (pod.runAsUser === 0) add('pod securityContext.runAsUser is 0');
      for (const c of allContainers(p)) {
        const s = sc(c.spec);
        if (s.runAsNonRoot === false) add('securityContext.runAsNonRoot is false', { container: c.name });
        if (s.runAsUser === 0) add('securityContext.runAsUser is 0', { container: c.name });
        if (!p.partial && pod.runAsNonRoot !== true && s.runAsNonRoot !== true) {
          add('runAsNonRoot is not true on the pod or the container', { container: c.name });
        }
      }
    }),
  },
  {
    id: 'K07', title: 'high non-zero UID/GID', severity: 'warning',
    source: 'kube-score container-security-context-user-group-id; kubesec RunAsUser/RunAsGroup; kube-linter run-as-non-root (group 0); NSA 1.6',
    fix: `run as a numeric UID and GID of at least ${MIN_ID}; never group 0`,
    run: perPod((p, add) => {
      const pod = sc(p.pod);
      if (pod.fsGroup === 0) add('pod securityContext.fsGroup is 0 (root group)', { severity: 'error' });
      if (Array.isArray(pod.supplementalGroups) && pod.supplementalGroups.includes(0)) {
        add('pod securityContext.supplementalGroups contains 0 (root group)', { severity: 'error' });
      }
      for (const c of allContainers(p)) {
        const s = sc(c.spec);
        for (const f of ['runAsUser', 'runAsGroup'] as const) {
          const v = s[f] ?? pod[f];
          if (v === undefined) {
            if (!p.partial) add(`${f} is not set on the pod or the container`, { container: c.name });
          } else if (f === 'runAsGroup' && v === 0) {
            add('runAsGroup is 0 (root group)', { container: c.name, severity: 'error' });
          } else if (typeof v === 'number' && v > 0 && v < MIN_ID) {
            add(`${f} ${v} is below ${MIN_ID}`, { container: c.name });
          }
        }
      }
    }),
  },
  {
    id: 'K08', title: 'seccomp RuntimeDefault or Localhost', severity: 'error',
    source: 'PSA seccompProfile_baseline/seccompProfile_restricted; Polaris linuxHardening; kube-score container-seccomp-profile; kubesec SeccompAny',
    fix: 'set pod securityContext.seccompProfile.type: RuntimeDefault',
    run: perPod((p, add) => {
      const podType = sc(p.pod).seccompProfile?.type;
      if (podType === 'Unconfined') add('pod seccompProfile.type is Unconfined');
      for (const c of allContainers(p)) {
        const t = sc(c.spec).seccompProfile?.type;
        if (t === 'Unconfined') add('seccompProfile.type is Unconfined', { container: c.name });
        else if (!p.partial && !windows(p) && t === undefined && !CONFINED.has(podType)) {
          add('no seccompProfile on the pod or the container', { container: c.name });
        }
      }
    }),
  },
  {
    id: 'K09', title: 'no AppArmor Unconfined, allowed SELinux options', severity: 'error',
    source: 'PSA appArmorProfile, seLinuxOptions; NSA 1.8-1.9',
    fix: 'leave appArmorProfile unset or RuntimeDefault/Localhost; leave seLinuxOptions unset or use type container_t without user/role',
    run: perPod((p, add) => {
      for (const [k, v] of Object.entries(p.annotations)) {
        if (k.startsWith(APPARMOR_ANNOTATION) && !(v === '' || v === 'runtime/default' || v.startsWith('localhost/'))) {
          add(`annotation ${k} is "${v}"`);
        }
      }
      const targets: [Json, string | undefined][] = [[sc(p.pod), undefined], ...allContainers(p).map(c => [sc(c.spec), c.name] as [Json, string])];
      for (const [s, container] of targets) {
        const where = container ? '' : 'pod ';
        if (s.appArmorProfile?.type === 'Unconfined') add(`${where}appArmorProfile.type is Unconfined`, { container });
        const se = s.seLinuxOptions;
        if (isObject(se)) {
          if (se.type !== undefined && !SELINUX_TYPES.has(String(se.type))) add(`${where}seLinuxOptions.type is "${String(se.type)}"`, { container });
          for (const f of ['user', 'role']) if (se[f]) add(`${where}seLinuxOptions.${f} is set`, { container });
        }
      }
    }),
  },
  {
    id: 'K10', title: 'read-only root filesystem', severity: 'warning',
    source: 'kube-linter no-read-only-root-fs; Polaris notReadOnlyRootFilesystem; kube-score container-security-context-readonlyrootfilesystem; ' +
      'kubesec ReadOnlyRootFilesystem; NSA 1.1',
    fix: 'set securityContext.readOnlyRootFilesystem: true and mount emptyDir volumes where the process writes (/tmp, caches)',
    run: perContainer((c, _p, add) => {
      if (sc(c.spec).readOnlyRootFilesystem !== true) {
        add('securityContext.readOnlyRootFilesystem is not true', { field: 'securityContext.readOnlyRootFilesystem' });
      }
    }),
  },
  {
    id: 'K11', title: 'restricted volume types only', severity: 'error',
    source: 'PSA hostPathVolumes, restrictedVolumes; kube-linter sensitive-host-mounts, docker-sock; Polaris hostPathSet; kubesec DockerSock',
    fix: 'use only configMap, secret, emptyDir, projected, downwardAPI, csi, persistentVolumeClaim, ephemeral or image volumes',
    run: perPod((p, add) => {
      for (const v of Array.isArray(p.pod.volumes) ? p.pod.volumes.filter(isObject) : []) {
        const sources = Object.keys(v).filter(k => k !== 'name');
        for (const s of sources) if (!RESTRICTED_VOLUMES.has(s)) add(`volume "${String(v.name)}" is of type ${s}`);
      }
    }),
  },
  {
    id: 'K12', title: 'no host ports, host probes, procMount, unsafe sysctls, hostProcess or hostAliases', severity: 'error',
    source: 'PSA hostPorts, hostProbesAndHostLifecycle, procMount, sysctls, windowsHostProcess; kube-linter unsafe-sysctls; kubesec HostAliases',
    fix: 'remove hostPort, probe/lifecycle host, non-default procMount, unsafe sysctls, windowsOptions.hostProcess and hostAliases',
    run: perPod((p, add) => {
      const pod = sc(p.pod);
      for (const s of Array.isArray(pod.sysctls) ? pod.sysctls : []) {
        if (!SAFE_SYSCTLS.has(String(s?.name))) add(`sysctl ${String(s?.name)} is not in the safe set`);
      }
      if (pod.windowsOptions?.hostProcess === true) add('pod windowsOptions.hostProcess is true');
      if (Array.isArray(p.pod.hostAliases) && p.pod.hostAliases.length > 0) add('hostAliases is set');
      for (const c of allContainers(p)) {
        const s = sc(c.spec);
        const container = c.name;
        for (const port of Array.isArray(c.spec.ports) ? c.spec.ports : []) {
          if (port?.hostPort) add(`port ${String(port.containerPort)} has hostPort ${String(port.hostPort)}`, { container });
        }
        for (const probe of PROBES) {
          const pr = c.spec[probe];
          for (const h of ['httpGet', 'tcpSocket']) if (pr?.[h]?.host) add(`${probe}.${h}.host is set`, { container });
        }
        for (const hook of ['postStart', 'preStop']) {
          const lc = c.spec.lifecycle?.[hook];
          for (const h of ['httpGet', 'tcpSocket']) if (lc?.[h]?.host) add(`lifecycle.${hook}.${h}.host is set`, { container });
        }
        if (s.procMount !== undefined && s.procMount !== 'Default') add(`securityContext.procMount is ${String(s.procMount)}`, { container });
        if (s.windowsOptions?.hostProcess === true) add('securityContext.windowsOptions.hostProcess is true', { container });
      }
    }),
  },
];
