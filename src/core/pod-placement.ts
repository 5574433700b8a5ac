import { ValidationError } from './errors';
import { PodToleration } from './kube';
import { KnativeFeature, requireKnativeFeature } from './knative';
import { isQualifiedName } from './metadata';
import { IGpuNodePool, Toleration } from './scheduling';

/** Where and with what priority the serving pods run, beyond what a `nodePool` adds. */
export interface PlacementOptions {
  /**
   * PriorityClass of the serving pods.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * RuntimeClass of the serving pods. Use a sandboxed runtime (gVisor `gvisor`, Kata) for models
   * with `trustRemoteCode`: their repository's Python then runs behind a second kernel boundary. The
   * policy checks warn when remote code runs without one.
   * @default - the cluster's default runtime
   */
  readonly runtimeClassName?: string;
  /**
   * Node labels the serving pods must match, added to what `nodePool` requires.
   * @default - none beyond the node pool's
   */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Tolerations of the serving pods, added to the node pool's.
   * @default - none beyond the node pool's
   */
  readonly tolerations?: readonly Toleration[];
}

/** The pod fields {@link placementFields} adds. */
export interface PlacementFields {
  /** The pod spec field `priorityClassName`. */
  readonly priorityClassName?: string;
  /** The pod spec field `runtimeClassName`. */
  readonly runtimeClassName?: string;
  /** The pod spec field `nodeSelector`. */
  readonly nodeSelector?: Record<string, string>;
  /** The pod spec field `tolerations`. */
  readonly tolerations?: PodToleration[];
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** True if `name` is a DNS-1123 subdomain (object names of most kinds). */
export function isDnsSubdomain(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Validate the placement props; in serverless mode, each needs its Knative feature declared. */
export function validatePlacement(path: string, p: PlacementOptions, pool: IGpuNodePool | undefined, serverless: boolean,
  features: readonly KnativeFeature[] | undefined): void {
  for (const field of ['priorityClassName', 'runtimeClassName'] as const) {
    const v = p[field];
    if (v !== undefined && !isDnsSubdomain(v)) {
      throw new ValidationError(path, field, v, 'is not a valid object name',
        `give the name of an existing ${field === 'priorityClassName' ? 'PriorityClass' : 'RuntimeClass'} (lower-case DNS name, e.g. "gvisor")`);
    }
  }
  for (const [key, value] of Object.entries(p.nodeSelector ?? {})) {
    const f = `nodeSelector["${key}"]`;
    if (!isQualifiedName(key) || typeof value !== 'string') {
      throw new ValidationError(path, f, value, 'is not a node label', 'give { "label-key": "value" }, e.g. { "cloud.google.com/gke-spot": "true" }');
    }
    const required = pool?.nodeSelector[key];
    if (required !== undefined && required !== value) {
      throw new ValidationError(path, f, value, `contradicts the node pool, whose nodes carry ${key}=${required}: no node would match`,
        'drop it, or use another nodePool');
    }
  }
  (p.tolerations ?? []).forEach((t, i) => validateToleration(path, `tolerations[${i}]`, t));
  if (serverless) {
    const alternative = 'or use ServingMode.KSERVE or ServingMode.DEPLOYMENT';
    const need = (field: string, value: unknown, feature: KnativeFeature) => requireKnativeFeature({ path, field, value, feature, declared: features,
      alternative });
    if (p.priorityClassName !== undefined) need('priorityClassName', p.priorityClassName, KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME);
    if (p.runtimeClassName !== undefined) need('runtimeClassName', p.runtimeClassName, KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME);
    if (p.nodeSelector && Object.keys(p.nodeSelector).length > 0) need('nodeSelector', p.nodeSelector, KnativeFeature.PODSPEC_NODE_SELECTOR);
    if (p.tolerations && p.tolerations.length > 0) need('tolerations', p.tolerations, KnativeFeature.PODSPEC_TOLERATIONS);
    // the pool's labels become required node affinity, its taints tolerations (see workload placement)
    if (pool && Object.keys(pool.nodeSelector).length > 0) need('nodePool', pool.nodeSelector, KnativeFeature.PODSPEC_AFFINITY);
    if (pool && pool.tolerations.length > 0) need('nodePool', pool.tolerations, KnativeFeature.PODSPEC_TOLERATIONS);
  }
}

function validateToleration(path: string, field: string, t: Toleration): void {
  if (typeof t !== 'object' || t === null) {
    throw new ValidationError(path, field, t, 'is not a toleration', 'give { key, operator: "Equal" | "Exists", value?, effect }');
  }
  if (!isQualifiedName(t.key)) {
    throw new ValidationError(path, `${field}.key`, t.key, 'is not a taint key', 'give the taint key, e.g. "nvidia.com/gpu"');
  }
  if (t.operator !== 'Equal' && t.operator !== 'Exists') {
    throw new ValidationError(path, `${field}.operator`, t.operator, 'is not "Equal" or "Exists"',
      'use "Equal" with a value, or "Exists" without one');
  }
  if (t.operator === 'Exists' && t.value !== undefined) {
    throw new ValidationError(path, `${field}.value`, t.value, 'is set with operator "Exists"', 'drop the value, or use operator "Equal"');
  }
  if (t.operator === 'Equal' && typeof t.value !== 'string') {
    throw new ValidationError(path, `${field}.value`, t.value, 'is missing with operator "Equal"', 'give the taint value, or use operator "Exists"');
  }
  if (!EFFECTS.includes(t.effect)) {
    throw new ValidationError(path, `${field}.effect`, t.effect, 'is not a taint effect', `use one of ${EFFECTS.join(', ')}`);
  }
}

/**
 * The pod fields of the placement props, merged with the node pool's: tolerations are the pool's
 * plus the user's (duplicates dropped); the node selector is the user's (the pool's own labels are
 * required through node affinity, and validation refused a contradiction).
 */
export function placementFields(p: PlacementOptions, pool: IGpuNodePool | undefined): PlacementFields {
  const tolerations: PodToleration[] = [];
  const seen = new Set<string>();
  for (const t of [...(pool?.tolerations ?? []), ...(p.tolerations ?? [])]) {
    const copy: PodToleration = { ...t };
    const key = JSON.stringify(Object.keys(copy).sort().map(k => [k, copy[k as keyof PodToleration]]));
    if (!seen.has(key)) {
      seen.add(key);
      tolerations.push(copy);
    }
  }
  const nodeSelector = p.nodeSelector && Object.keys(p.nodeSelector).length > 0 ? { ...p.nodeSelector } : undefined;
  return {
    ...(p.priorityClassName ? { priorityClassName: p.priorityClassName } : {}),
    ...(p.runtimeClassName ? { runtimeClassName: p.runtimeClassName } : {}),
    ...(nodeSelector ? { nodeSelector } : {}),
    ...(tolerations.length > 0 ? { tolerations } : {}),
  };
}
