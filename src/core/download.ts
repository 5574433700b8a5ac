import { DownloadProxyOptions, downloadProxyEnv, downloadProxyVolume } from './download-proxy';
import { STORAGE_INITIALIZER_IMAGE } from './kserve-release';
import { Container, EnvVar, Volume } from './kube';
import { HuggingFaceModel } from './model';
import { hardenedContainer, PodSecurityOptions, TELEMETRY_OFF } from './pod-security';
import { SecretRef } from './secret-ref';

/** Name of the file the download step writes after every check passed. */
export const MARKER_FILE = '.hf-serving-complete';

/**
 * Size of the `/tmp` emptyDir of the download step (`download-tmp`), where huggingface_hub keeps
 * its own files; the weights go to `dest`.
 * @default '1Gi'
 */
export const DOWNLOAD_TMP_SIZE = '1Gi';

/** The `download-tmp` emptyDir every pod running {@link downloadContainer} needs. */
export function downloadTmpVolume(): Volume {
  return { name: 'download-tmp', emptyDir: { sizeLimit: DOWNLOAD_TMP_SIZE } };
}

/** Every volume a pod running {@link downloadContainer} needs besides the destination: `download-tmp`, and the proxy's CA bundle. */
export function downloadVolumes(proxy?: DownloadProxyOptions): Volume[] {
  return [downloadTmpVolume(), ...(proxy ? downloadProxyVolume(proxy).volumes : [])];
}

/** Inputs of {@link downloadContainer}. */
export interface DownloadSpec {
  readonly model: HuggingFaceModel;
  /** Directory the files land in. */
  readonly dest: string;
  /** Volume mounted (writable) at `dest`. */
  readonly volumeName: string;
  /** Optional sub path inside the volume. */
  readonly subPath?: string;
  readonly hfToken?: SecretRef;
  readonly security?: PodSecurityOptions;
  /**
   * Write the completion marker at the end. A later step (a preload check) writes it instead when false.
   * @default true
   */
  readonly writeMarker?: boolean;
  /**
   * The corporate proxy this step (and only this step) downloads through.
   * @default - direct HTTPS
   */
  readonly proxy?: DownloadProxyOptions;
}

/** Shell command that writes the completion marker in the current directory. */
export function markerCommand(): string {
  return `date -u +%Y-%m-%dT%H:%M:%SZ > '${MARKER_FILE}'`;
}

/**
 * The download step: KServe's storage initializer fetches `hf://owner/name:<commit>` with an
 * allow-list (`STORAGE_ALLOW_PATTERNS`), then `sha256sum -c` checks the given digests, then a marker
 * file is written last (a marker left by an earlier run is removed first). It is the only container that ever holds the Hub token,
 * and the only one that gets `proxy` (its variables, and its CA bundle mounted read-only).
 */
export function downloadContainer(s: DownloadSpec): Container {
  const m = s.model;
  const checks = Object.entries(m.sha256).map(([file, digest]) => `${digest}  ${file}`);
  const script = [
    'set -eu',
    `rm -f '${s.dest}/${MARKER_FILE}'`,
    `/storage-initializer/scripts/initializer-entrypoint '${m.storageUri}' '${s.dest}'`,
    `cd '${s.dest}'`,
    ...(checks.length > 0 ? [`printf '%s\\n' ${checks.map(c => `'${c}'`).join(' ')} | sha256sum -c -`] : []),
    ...(s.writeMarker ?? true ? [markerCommand()] : []),
  ];
  const env: EnvVar[] = [
    ...(s.hfToken ? [{ name: 'HF_TOKEN', valueFrom: { secretKeyRef: { name: s.hfToken.name, key: s.hfToken.key } } }] : []),
    { name: 'STORAGE_ALLOW_PATTERNS', value: JSON.stringify(m.allowPatterns) },
    ...(m.hubEndpoint ? [{ name: 'HF_ENDPOINT', value: m.hubEndpoint }] : []),
    { name: 'HF_HOME', value: '/tmp/huggingface' },
    { name: 'HOME', value: '/tmp' },
    ...TELEMETRY_OFF,
    ...(s.proxy ? downloadProxyEnv(s.proxy) : []),
  ];
  return hardenedContainer({
    name: 'model-download',
    image: STORAGE_INITIALIZER_IMAGE,
    command: ['/bin/sh', '-c', script.join('\n')],
    env,
    resources: {
      requests: { 'cpu': '500m', 'memory': '1Gi', 'ephemeral-storage': '1Gi' },
      limits: { 'cpu': '2', 'memory': '4Gi', 'ephemeral-storage': '2Gi' },
    },
    volumeMounts: [
      { name: s.volumeName, mountPath: s.dest, ...(s.subPath ? { subPath: s.subPath } : {}) },
      { name: 'download-tmp', mountPath: '/tmp' },
      ...(s.proxy ? downloadProxyVolume(s.proxy).mounts : []),
    ],
    security: s.security,
  });
}

/** Inputs of {@link markerContainer}. */
export interface MarkerSpec {
  readonly dest: string;
  readonly volumeName: string;
  readonly subPath?: string;
}

/** A step that only writes the completion marker: the last container of a cache Job whose checks run before it. */
export function markerContainer(s: MarkerSpec): Container {
  return hardenedContainer({
    name: 'model-complete',
    image: STORAGE_INITIALIZER_IMAGE,
    command: ['/bin/sh', '-c', [`cd '${s.dest}'`, markerCommand()].join('\n')],
    env: [],
    resources: { requests: { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '16Mi' }, limits: { 'cpu': '100m', 'memory': '64Mi',
      'ephemeral-storage': '16Mi' } },
    volumeMounts: [{ name: s.volumeName, mountPath: s.dest, ...(s.subPath ? { subPath: s.subPath } : {}) }],
  });
}
