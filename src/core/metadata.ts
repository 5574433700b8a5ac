import { ValidationError } from './errors';
import { KubeObject } from './kube';

/** Labels and annotations a user adds. */
export interface MetadataOptions {
  /**
   * Labels (Kubernetes label syntax; keys the library sets are refused).
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Annotations (keys the library sets are refused).
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Label keys the library sets on every object; selectors and policies depend on them. */
export const OWNED_LABEL_KEYS: readonly string[] = [
  'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component',
  'app.kubernetes.io/part-of', 'app.kubernetes.io/managed-by',
];

/**
 * Key prefixes whose labels and annotations steer KServe or Knative: the library sets them from its
 * props (deployment mode from `mode`, autoscaler class and targets from `autoscaling`, progress deadline
 * from `startupTimeoutSeconds`), so a user value would silently change what those props mean.
 */
export const OWNED_KEY_PREFIXES: Readonly<Record<string, string>> = {
  'serving.kserve.io/': 'mode and autoscaling',
  'internal.serving.kserve.io/': 'mode',
  'serving.knative.dev/': 'mode and startupTimeoutSeconds',
  'autoscaling.knative.dev/': 'autoscaling',
};

const NAME_PART = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** True if `key` is a Kubernetes qualified name (`[prefix/]name`), as label and annotation keys must be. */
export function isQualifiedName(key: string): boolean {
  if (typeof key !== 'string') return false;
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !PREFIX.test(prefix))) return false;
  return NAME_PART.test(name);
}

/** Validate `metadata`-like options at `field`: syntax, and no key the library owns. */
export function validateMetadata(path: string, field: string, m: MetadataOptions | undefined): void {
  if (m === undefined) return;
  if (typeof m !== 'object' || m === null) {
    throw new ValidationError(path, field, m, 'is not an object', 'give { labels?: {...}, annotations?: {...} }');
  }
  for (const kind of ['labels', 'annotations'] as const) {
    const map = m[kind];
    if (map === undefined) continue;
    if (typeof map !== 'object' || map === null || Array.isArray(map)) {
      throw new ValidationError(path, `${field}.${kind}`, map, 'is not a map of strings', `give ${kind} as { key: "value" }`);
    }
    for (const [key, value] of Object.entries(map)) {
      const f = `${field}.${kind}["${key}"]`;
      if (!isQualifiedName(key)) {
        throw new ValidationError(path, f, key, 'is not a valid key',
          'use [prefix/]name: a DNS subdomain prefix and a name of at most 63 letters, digits, "-", "_" or "."');
      }
      if (typeof value !== 'string') {
        throw new ValidationError(path, f, value, 'is not a string', 'give values as strings');
      }
      if (kind === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        throw new ValidationError(path, f, value, 'is not a valid label value',
          'use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or put it in annotations)');
      }
      if (OWNED_LABEL_KEYS.includes(key)) {
        throw new ValidationError(path, f, value, 'is a key the construct sets (its selectors and policies depend on it)',
          'remove it; use another key such as "team" or "example.com/owner"');
      }
      const owner = Object.keys(OWNED_KEY_PREFIXES).find(p => key.startsWith(p));
      if (owner) {
        throw new ValidationError(path, f, value, `is under "${owner}", which the construct sets from its props`,
          `remove it and use the prop that controls it (${OWNED_KEY_PREFIXES[owner]})`);
      }
    }
  }
}

/** `base` with the user's keys added; on a conflict the library's value wins. */
function merged(user: Readonly<Record<string, string>> | undefined, ours: Readonly<Record<string, string>> | undefined): Record<string,
  string> | undefined {
  const out = { ...(user ?? {}), ...(ours ?? {}) };
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The object with `m` added to its own metadata (ours win on conflict). */
export function withObjectMetadata(obj: KubeObject, m: MetadataOptions | undefined): KubeObject {
  if (!m || (!m.labels && !m.annotations)) return obj;
  const labels = merged(m.labels, obj.metadata.labels);
  const annotations = merged(m.annotations, obj.metadata.annotations);
  return { ...obj, metadata: { ...obj.metadata, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } };
}

/**
 * The object with `m` added to the metadata of the pods it creates: a Deployment's or Job's pod
 * template, an InferenceService predictor's `labels`/`annotations` (which KServe puts on the pods).
 * Other kinds are returned unchanged. Ours win on conflict.
 */
export function withPodMetadata(obj: KubeObject, m: MetadataOptions | undefined): KubeObject {
  if (!m || (!m.labels && !m.annotations)) return obj;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a workload spec of any kind, read for its pod template
  const spec = obj.spec as Record<string, any> | undefined;
  if (!spec) return obj;
  if (obj.kind === 'InferenceService' && spec.predictor) {
    const p = spec.predictor;
    const labels = merged(m.labels, p.labels);
    const annotations = merged(m.annotations, p.annotations);
    return { ...obj, spec: { ...spec, predictor: { ...p, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) } } };
  }
  if ((obj.kind === 'Deployment' || obj.kind === 'Job' || obj.kind === 'StatefulSet') && spec.template) {
    const t = spec.template;
    const tm = t.metadata ?? {};
    const labels = merged(m.labels, tm.labels);
    const annotations = merged(m.annotations, tm.annotations);
    return { ...obj, spec: { ...spec, template: { ...t, metadata: { ...tm, ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}) } } } };
  }
  return obj;
}
