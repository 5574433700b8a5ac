import { ValidationError } from './errors';
import { KnativeFeature, requireKnativeFeature } from './knative';
import { Volume } from './kube';
import { isDnsSubdomain } from './pod-placement';

/** A volume the user adds to the serving pods: a ConfigMap, a Secret or an existing claim, always mounted read-only. */
export interface ExtraVolume {
  /** Volume name, referenced by `volumeMounts` (must not be one the construct uses). */
  readonly name: string;
  /**
   * Files from a ConfigMap (give exactly one of `configMap`, `secret`, `persistentVolumeClaim`).
   * @default - not a ConfigMap volume
   */
  readonly configMap?: {
    /** ConfigMap name. */
    readonly name: string;
    /**
     * Keys to project, each to a relative path.
     * @default - every key, as a file of the same name
     */
    readonly items?: readonly { readonly key: string; readonly path: string }[];
  };
  /**
   * Files from a Secret.
   * @default - not a Secret volume
   */
  readonly secret?: {
    /** Secret name. */
    readonly secretName: string;
    /**
     * Keys to project, each to a relative path.
     * @default - every key, as a file of the same name
     */
    readonly items?: readonly { readonly key: string; readonly path: string }[];
  };
  /**
   * An existing PersistentVolumeClaim, mounted read-only.
   * @default - not a claim volume
   */
  readonly persistentVolumeClaim?: {
    /** Claim name. */
    readonly claimName: string;
  };
}

/** Where an {@link ExtraVolume} appears in the serving container. Always read-only. */
export interface ExtraVolumeMount {
  /** Name of an entry of `volumes`. */
  readonly name: string;
  /** Absolute path; not a path the construct mounts, nor above or below one. */
  readonly mountPath: string;
  /**
   * Sub-path of the volume to mount.
   * @default - the whole volume
   */
  readonly subPath?: string;
  /**
   * Must be true or unset: the library mounts user volumes read-only.
   * @default true
   */
  readonly readOnly?: true;
}

/** Paths no user volume may cover: system directories and the service-account token location. */
export const SYSTEM_PATHS: readonly string[] = ['/', '/bin', '/sbin', '/lib', '/lib64', '/usr', '/etc', '/proc', '/sys', '/dev', '/var/run/secrets',
  '/run/secrets'];

/** System paths below which nothing may be mounted (the others, e.g. `/etc`, accept mounts in subdirectories such as `/etc/ssl/custom`). */
const NO_MOUNT_BELOW: readonly string[] = ['/proc', '/sys', '/dev', '/var/run/secrets', '/run/secrets'];

/** What the construct itself uses in the pod, so user volumes cannot collide with it. */
export interface OwnedPodPaths {
  /** Volume names the construct adds. */
  readonly volumeNames: readonly string[];
  /** Mount paths of the serving container (scratch, weights, config). */
  readonly mountPaths: readonly string[];
}

const ABS_PATH = /^\/[A-Za-z0-9._\-/]*$/;
const FILE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
const under = (p: string, root: string) => root === '/' ? true : p === root || p.startsWith(`${root}/`);

/** Validate `volumes` and `volumeMounts` against the construct's own volumes and paths, and Knative's field mask. */
export function validateExtraVolumes(
  path: string, volumes: readonly ExtraVolume[] | undefined, mounts: readonly ExtraVolumeMount[] | undefined,
  owned: OwnedPodPaths, serverless: boolean, features: readonly KnativeFeature[] | undefined,
): void {
  const vols = volumes ?? [];
  const names = new Set<string>();
  vols.forEach((v, i) => {
    const f = `volumes[${i}]`;
    if (typeof v !== 'object' || v === null || !isDnsSubdomain(v.name) || v.name.length > 63) {
      throw new ValidationError(path, `${f}.name`, v?.name, 'is not a volume name', 'give a lower-case DNS label, e.g. "prompts"');
    }
    if (owned.volumeNames.includes(v.name) || names.has(v.name)) {
      throw new ValidationError(path, `${f}.name`, v.name,
        owned.volumeNames.includes(v.name) ? 'is a volume the construct adds itself' : 'is used twice', 'pick another name');
    }
    names.add(v.name);
    const sources = (['configMap', 'secret', 'persistentVolumeClaim'] as const).filter(k => v[k] !== undefined);
    if (sources.length !== 1) {
      throw new ValidationError(path, f, Object.keys(v), 'must have exactly one source', 'give one of configMap, secret or persistentVolumeClaim');
    }
    const ref = v.configMap?.name ?? v.secret?.secretName ?? v.persistentVolumeClaim?.claimName;
    if (!isDnsSubdomain(ref)) {
      throw new ValidationError(path, `${f}.${sources[0]}`, ref, 'does not name an object',
        'give the name of an existing object in the model\'s namespace');
    }
    for (const [j, item] of (v.configMap?.items ?? v.secret?.items ?? []).entries()) {
      if (typeof item?.key !== 'string' || item.key === '' || !FILE_PATH.test(item.path ?? '') || item.path.split('/').includes('..')) {
        throw new ValidationError(path, `${f}.${sources[0]}.items[${j}]`, item, 'is not a key and a relative file path',
          'give { key: "template", path: "chat.jinja" }');
      }
    }
    if (v.persistentVolumeClaim && serverless) {
      requireKnativeFeature({
        path, field: `${f}.persistentVolumeClaim`, value: v.persistentVolumeClaim.claimName, feature: KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM,
        declared: features, alternative: 'or use ServingMode.KSERVE or ServingMode.DEPLOYMENT',
      });
    }
  });
  const used = new Set<string>();
  (mounts ?? []).forEach((m, i) => {
    const f = `volumeMounts[${i}]`;
    if (typeof m !== 'object' || m === null || !names.has(m.name)) {
      throw new ValidationError(path, `${f}.name`, m?.name, 'names no entry of volumes',
        `use one of ${[...names].map(n => `"${n}"`).join(', ') || '(none: add the volume to volumes first)'}`);
    }
    if ((m.readOnly as unknown) === false) {
      throw new ValidationError(path, `${f}.readOnly`, false, 'would make the volume writable; user volumes are mounted read-only',
        'drop readOnly; write to a scratch directory the engine already has');
    }
    const p = m.mountPath;
    if (typeof p !== 'string' || !ABS_PATH.test(p) || p.split('/').some(s => s === '..' || s === '.') || (p.length > 1 && p.endsWith('/'))) {
      throw new ValidationError(path, `${f}.mountPath`, p, 'is not an absolute path', 'give e.g. "/etc/hf-serving/prompts"');
    }
    const system = SYSTEM_PATHS.find(s => s === p || (s !== '/' && under(s, p)) || (NO_MOUNT_BELOW.includes(s) && under(p, s)));
    if (system) {
      throw new ValidationError(path, `${f}.mountPath`, p, `covers the system path ${system}`,
        'mount below a directory of your own, e.g. "/etc/hf-serving/<name>" or "/opt/<name>"');
    }
    const clash = owned.mountPaths.find(o => under(p, o) || under(o, p));
    if (clash) {
      throw new ValidationError(path, `${f}.mountPath`, p, `overlaps ${clash}, which the construct mounts`,
        'mount somewhere else, e.g. "/etc/hf-serving/<name>"');
    }
    if (used.has(p)) {
      throw new ValidationError(path, `${f}.mountPath`, p, 'is mounted twice', 'give each mount its own path');
    }
    used.add(p);
    if (m.subPath !== undefined && (!FILE_PATH.test(m.subPath) || m.subPath.split('/').includes('..'))) {
      throw new ValidationError(path, `${f}.subPath`, m.subPath, 'is not a relative path inside the volume', 'give e.g. "templates/chat.jinja"');
    }
  });
}

/** Pod volumes of the user's `volumes` (claims read-only). */
export function extraPodVolumes(volumes: readonly ExtraVolume[] | undefined): Volume[] {
  return (volumes ?? []).map(v => {
    if (v.configMap) return { name: v.name, configMap: { name: v.configMap.name,
      ...(v.configMap.items ? { items: v.configMap.items.map(x => ({ ...x })) } : {}) } };
    if (v.secret) return { name: v.name, secret: { secretName: v.secret.secretName,
      ...(v.secret.items ? { items: v.secret.items.map(x => ({ ...x })) } : {}) } };
    return { name: v.name, persistentVolumeClaim: { claimName: v.persistentVolumeClaim!.claimName, readOnly: true } };
  });
}

/** Container mounts of the user's `volumeMounts`, each read-only. */
export function extraMounts(
  mounts: readonly ExtraVolumeMount[] | undefined,
): { name: string; mountPath: string; readOnly: true; subPath?: string }[] {
  return (mounts ?? []).map(m => ({ name: m.name, mountPath: m.mountPath, readOnly: true, ...(m.subPath ? { subPath: m.subPath } : {}) }));
}
