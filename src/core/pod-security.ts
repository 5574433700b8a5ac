import { Container, EnvVar, PodSecurityContext, Probe, SecurityContext, Volume, VolumeMount } from './kube';

/**
 * The secure pod baseline: every default in one place. Each value is relaxed by exactly one prop of
 * {@link PodSecurityOptions}, and each has a test that fails if it changes.
 */
export const SECURE_DEFAULTS = {
  /**
   * Numeric UID, at or above 10000 (kube-score and Checkov CKV_K8S_40 flag lower ones, which may
   * collide with host users). No image needs its own user: every container gets `USER`/`LOGNAME`
   * and a writable `HOME`, and reads only world-readable image files.
   */
  runAsUser: 10001,
  /** Numeric GID, at or above 10000, never 0. */
  runAsGroup: 10001,
  /** Group that owns the writable volumes (where the pod securityContext is accepted). */
  fsGroup: 10001,
  /** The root filesystem is read-only; writable paths are explicit emptyDirs. */
  readOnlyRootFilesystem: true,
  /** No Kubernetes API token in model pods. */
  automountServiceAccountToken: false,
  /** No `<SERVICE>_PORT` variables injected (they collide with `VLLM_PORT`). */
  enableServiceLinks: false,
  /** Seccomp profile of the container runtime. */
  seccompProfile: 'RuntimeDefault',
  /** Pinned tags are pulled once per node. */
  imagePullPolicy: 'IfNotPresent',
  /** Size of the memory-backed `/dev/shm` (counts against the memory limit). */
  shmSize: '2Gi',
  /** Size of `/tmp`. */
  tmpSize: '2Gi',
  /** Size of `$HOME`. */
  homeSize: '1Gi',
} as const;

/** Relaxations of the secure pod baseline; each field relaxes one default. */
export interface PodSecurityOptions {
  /**
   * Container and pod `runAsUser`. 0 is refused.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Container and pod `runAsGroup` (and `fsGroup`). 0 is refused.
   * @default 10001
   */
  readonly runAsGroup?: number;
  /**
   * Mount the container root filesystem read-only.
   * @default true
   */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Mount a Kubernetes API token into the pod.
   * @default false
   */
  readonly automountServiceAccountToken?: boolean;
  /**
   * Inject Service environment variables (`<NAME>_SERVICE_HOST`, `<NAME>_PORT`) into the pod.
   * @default false
   */
  readonly enableServiceLinks?: boolean;
}

/** Writable mount points every hardened container gets. */
export const HOME_DIR = '/home/serving';

/** Container `securityContext` of the baseline (PSS restricted). */
export function containerSecurityContext(o: PodSecurityOptions = {}): SecurityContext {
  return {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: o.readOnlyRootFilesystem ?? SECURE_DEFAULTS.readOnlyRootFilesystem,
    runAsNonRoot: true,
    runAsUser: o.runAsUser ?? SECURE_DEFAULTS.runAsUser,
    runAsGroup: o.runAsGroup ?? SECURE_DEFAULTS.runAsGroup,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: SECURE_DEFAULTS.seccompProfile },
  };
}

/** Pod `securityContext` of the baseline. */
export function podSecurityContext(o: PodSecurityOptions = {}): PodSecurityContext {
  const group = o.runAsGroup ?? SECURE_DEFAULTS.runAsGroup;
  return {
    runAsNonRoot: true,
    runAsUser: o.runAsUser ?? SECURE_DEFAULTS.runAsUser,
    runAsGroup: group,
    fsGroup: o.runAsGroup ?? SECURE_DEFAULTS.fsGroup,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: SECURE_DEFAULTS.seccompProfile },
  };
}

/** Pod-level switches of the baseline. */
export function podSwitches(o: PodSecurityOptions = {}): { automountServiceAccountToken: boolean; enableServiceLinks: boolean } {
  return {
    automountServiceAccountToken: o.automountServiceAccountToken ?? SECURE_DEFAULTS.automountServiceAccountToken,
    enableServiceLinks: o.enableServiceLinks ?? SECURE_DEFAULTS.enableServiceLinks,
  };
}

/** A writable scratch directory backed by an emptyDir. */
export interface ScratchDir {
  /** Volume name. */
  readonly name: string;
  /** Where it is mounted. */
  readonly mountPath: string;
  /** emptyDir sizeLimit. */
  readonly sizeLimit: string;
  /** Environment variables that should point at it. */
  readonly env?: readonly string[];
  /** Back it with memory (tmpfs). */
  readonly memory?: boolean;
}

/** The scratch directories every hardened serving container gets: `/tmp`, `$HOME`, a memory `/dev/shm`. */
export function baselineScratch(shmSize: string): ScratchDir[] {
  return [
    { name: 'tmp', mountPath: '/tmp', sizeLimit: SECURE_DEFAULTS.tmpSize, env: ['TMPDIR'] },
    { name: 'home', mountPath: HOME_DIR, sizeLimit: SECURE_DEFAULTS.homeSize, env: ['HOME', 'XDG_CACHE_HOME:.cache', 'XDG_CONFIG_HOME:.config'] },
    { name: 'dshm', mountPath: '/dev/shm', sizeLimit: shmSize, memory: true },
  ];
}

/** Volumes, mounts and env for a list of scratch directories. */
export function scratchParts(dirs: readonly ScratchDir[]): { volumes: Volume[]; mounts: VolumeMount[]; env: EnvVar[] } {
  return {
    volumes: dirs.map(d => ({ name: d.name, emptyDir: d.memory ? { medium: 'Memory', sizeLimit: d.sizeLimit } : { sizeLimit: d.sizeLimit } })),
    mounts: dirs.map(d => ({ name: d.name, mountPath: d.mountPath })),
    env: dirs.flatMap(d => (d.env ?? []).map(spec => {
      const [name, sub] = spec.split(':');
      return { name, value: sub ? `${d.mountPath}/${sub}` : d.mountPath };
    })),
  };
}

/** User name every container reports through {@link IDENTITY_ENV}. */
export const RUNTIME_USER_NAME = 'serving';

/**
 * `USER` and `LOGNAME`, set on every container. Python's `getpass.getuser()` reads `LOGNAME`,
 * `USER`, `LNAME`, `USERNAME` before the passwd file, and torch (≥ 2.8, in the KServe, vLLM and
 * Infinity images) calls it at import; under a UID the image has no passwd entry for, it would raise
 * `KeyError: getpwuid(): uid not found`. With these set, any UID works.
 */
export const IDENTITY_ENV: readonly EnvVar[] = [
  { name: 'USER', value: RUNTIME_USER_NAME },
  { name: 'LOGNAME', value: RUNTIME_USER_NAME },
];

/** Telemetry switches set on every container (literal values the tools compare against). */
export const TELEMETRY_OFF: readonly EnvVar[] = [
  { name: 'HF_HUB_DISABLE_TELEMETRY', value: '1' },
  { name: 'DO_NOT_TRACK', value: '1' },
];

/** Offline switches of huggingface_hub and transformers. */
export const OFFLINE_ENV: readonly EnvVar[] = [
  { name: 'HF_HUB_OFFLINE', value: '1' },
  { name: 'TRANSFORMERS_OFFLINE', value: '1' },
];

/** Inputs of {@link hardenedContainer}. */
export interface HardenedContainerSpec {
  /** Container name. */
  readonly name: string;
  /** Image, pinned (tag other than `latest`, or digest). */
  readonly image: string;
  /** Entrypoint override. */
  readonly command?: string[];
  /** Arguments. */
  readonly args?: string[];
  /** Environment variables. */
  readonly env: EnvVar[];
  /** Container ports. */
  readonly ports?: Container['ports'];
  /** Requests and limits (set equal by the library). */
  readonly resources: Container['resources'];
  /** Volume mounts. */
  readonly volumeMounts: VolumeMount[];
  /** Startup, readiness and liveness probes. */
  readonly probes?: {
    /** Startup probe. */
    startup?: Probe;
    /** Readiness probe. */
    readiness?: Probe;
    /** Liveness probe. */
    liveness?: Probe;
  };
  /** The relaxations of the hardened defaults the construct was given. */
  readonly security?: PodSecurityOptions;
  /** Working directory (a writable scratch mount when the root filesystem is read-only). */
  readonly workingDir?: string;
}

/** A container with the baseline security context and pull policy. */
export function hardenedContainer(s: HardenedContainerSpec): Container {
  return {
    name: s.name,
    image: s.image,
    imagePullPolicy: SECURE_DEFAULTS.imagePullPolicy,
    ...(s.command ? { command: s.command } : {}),
    ...(s.args && s.args.length > 0 ? { args: s.args } : {}),
    env: [...IDENTITY_ENV.filter(i => !s.env.some(e => e.name === i.name)), ...s.env],
    ...(s.ports ? { ports: s.ports } : {}),
    resources: s.resources,
    securityContext: containerSecurityContext(s.security),
    volumeMounts: s.volumeMounts,
    ...(s.probes?.startup ? { startupProbe: s.probes.startup } : {}),
    ...(s.probes?.readiness ? { readinessProbe: s.probes.readiness } : {}),
    ...(s.probes?.liveness ? { livenessProbe: s.probes.liveness } : {}),
    ...(s.workingDir ? { workingDir: s.workingDir } : {}),
  };
}
