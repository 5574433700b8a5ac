/**
 * Reading arbitrary objects: where the pod specs are (including inside KServe InferenceServices and
 * ServingRuntimes, which the public linters miss), what labels their pods get, and small helpers
 * over containers (env, flags, ports).
 */

import { flagValuesAs, foldFlag, lockedFlagUses } from '../engines/cli-flags';
import { LOCK_SYNTAX, WHOLE_FLAGS_THAT_ARE_PREFIXES } from '../engines/locks';

/** Any object, as parsed JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are untrusted input, read field by field with checks
export type Json = Record<string, any>;

/** One container found in a pod spec. */
export interface ContainerRef {
  /** Name shown in findings (`predictor/kserve-container` inside an InferenceService). */
  readonly name: string;
  /** True for `initContainers`. */
  readonly init: boolean;
  /** The container as written. */
  readonly spec: Json;
  /** InferenceService key the container came from (`model`, `huggingface`, ...), if not a `containers` entry. */
  readonly key?: string;
  /** Field path of the container in its object, e.g. `spec.template.spec.containers[0]`. */
  readonly path: string;
}

/** One pod spec found in an object. */
export interface PodRef {
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  /** The owning object. */
  readonly owner: Json;
  /** InferenceService component (`predictor`, `transformer`, `explainer`, `predictor-worker`), if any. */
  readonly component?: string;
  /** The pod-level fields (a PodSpec, or the inline PodSpec fields of a KServe component). */
  readonly pod: Json;
  /** Field path of the pod-level fields in the owner, e.g. `spec.template.spec` or `spec.predictor`. */
  readonly path: string;
  /**
   * True when the pod-level fields are completed elsewhere (a ServingRuntime is merged into the
   * InferenceService predictor; a worker spec into its predictor): checks only reject bad values
   * there and do not require pod-level settings.
   */
  readonly partial: boolean;
  /** Labels the pods get; undefined when the object is a template no selector targets (ServingRuntime). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations the pods get. */
  readonly annotations: Readonly<Record<string, string>>;
  /** `containers` (and, in InferenceServices, `model` and the framework specs). */
  readonly containers: readonly ContainerRef[];
  /** `initContainers`. */
  readonly initContainers: readonly ContainerRef[];
  /** Pods that run to completion (Job, CronJob, bare Pod with restartPolicy Never/OnFailure). */
  readonly runsToCompletion: boolean;
  /**
   * Model URIs KServe downloads for the component before it starts (its injected storage
   * initializer): the `storageUri` of `model` / framework specs and the component's `storageUris`.
   */
  readonly storageUris: readonly string[];
}

/** The objects under check, with their pod specs extracted once. */
export interface Manifest {
  readonly objects: readonly Json[];
  readonly pods: readonly PodRef[];
}

const TEMPLATE_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job']);
const COMPLETING_KINDS = new Set(['Job', 'CronJob']);
/** InferenceService component keys. */
export const ISVC_COMPONENTS = ['predictor', 'transformer', 'explainer'] as const;
/** InferenceService predictor keys that hold a single container (`model` and the framework specs), plus the explainer `art`. */
export const ISVC_CONTAINER_KEYS = [
  'model', 'huggingface', 'pytorch', 'sklearn', 'xgboost', 'tensorflow', 'triton', 'onnx', 'pmml', 'lightgbm', 'paddle', 'art',
] as const;
/** Name KServe gives the serving container of a component. */
const KSERVE_CONTAINER = 'kserve-container';
/** Labels KServe adds to the pods of an InferenceService component. */
const KSERVE_ISVC_LABEL = 'serving.kserve.io/inferenceservice';
const KSERVE_COMPONENT_LABEL = 'component';

/** True for a JSON object (not null, not an array). */
export function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** `Kind namespace/name` (or `Kind name`). */
export function describeObject(o: Json): string {
  const m = isObject(o.metadata) ? o.metadata : {};
  const name = String(m.name ?? '(unnamed)');
  return `${String(o.kind ?? '(no kind)')} ${m.namespace ? `${m.namespace}/` : ''}${name}`;
}

function containerRefs(list: unknown, init: boolean, prefix: string, podPath: string): ContainerRef[] {
  if (!Array.isArray(list)) return [];
  const field = init ? 'initContainers' : 'containers';
  return list.map((c, i) => ({ c, i })).filter(x => isObject(x.c))
    .map(({ c, i }) => ({ name: `${prefix}${String(c.name ?? KSERVE_CONTAINER)}`, init, spec: c, path: `${podPath}.${field}[${i}]` }));
}

function stringMap(x: unknown): Record<string, string> {
  return isObject(x) ? Object.fromEntries(Object.entries(x).map(([k, v]) => [k, String(v)])) : {};
}

function plainPod(owner: Json, template: unknown, completes: boolean, path: string): PodRef | undefined {
  if (!isObject(template) || !isObject(template.spec)) return undefined;
  const meta = isObject(template.metadata) ? template.metadata : {};
  const spec = template.spec;
  return {
    object: describeObject(owner),
    owner,
    pod: spec,
    path,
    partial: false,
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    containers: containerRefs(spec.containers, false, '', path),
    initContainers: containerRefs(spec.initContainers, true, '', path),
    runsToCompletion: completes,
    storageUris: [],
  };
}

function isvcPods(owner: Json): PodRef[] {
  const spec = isObject(owner.spec) ? owner.spec : {};
  const meta = isObject(owner.metadata) ? owner.metadata : {};
  const pods: PodRef[] = [];
  for (const component of ISVC_COMPONENTS) {
    const comp = spec[component];
    if (!isObject(comp)) continue;
    const prefix = `${component}/`;
    const path = `spec.${component}`;
    const single = ISVC_CONTAINER_KEYS.filter(k => isObject(comp[k])).map(k => ({
      name: `${prefix}${String(comp[k].name ?? KSERVE_CONTAINER)}`, init: false, spec: comp[k] as Json, key: k, path: `${path}.${k}`,
    }));
    const storageUris = [
      ...ISVC_CONTAINER_KEYS.map(k => (isObject(comp[k]) ? comp[k].storageUri : undefined)),
      ...(Array.isArray(comp.storageUris) ? comp.storageUris.map((u: unknown) => (isObject(u) ? u.uri : undefined)) : []),
    ].filter((u): u is string => typeof u === 'string');
    const labels = {
      ...stringMap(meta.labels), ...stringMap(comp.labels),
      [KSERVE_ISVC_LABEL]: String(meta.name ?? ''), [KSERVE_COMPONENT_LABEL]: component,
    };
    pods.push({
      object: describeObject(owner), owner, component, pod: comp, path, partial: false, labels,
      annotations: { ...stringMap(meta.annotations), ...stringMap(comp.annotations) },
      containers: [...single, ...containerRefs(comp.containers, false, prefix, path)],
      initContainers: containerRefs(comp.initContainers, true, prefix, path),
      runsToCompletion: false,
      storageUris,
    });
    if (isObject(comp.workerSpec)) pods.push(workerPod(owner, comp.workerSpec, `${component}-worker`, `${path}.workerSpec`, labels));
  }
  return pods;
}

function workerPod(owner: Json, spec: Json, component: string, path: string, labels?: Record<string, string>): PodRef {
  return {
    object: describeObject(owner), owner, component, pod: spec, path, partial: true, labels,
    annotations: {},
    containers: containerRefs(spec.containers, false, `${component}/`, path),
    initContainers: containerRefs(spec.initContainers, true, `${component}/`, path),
    runsToCompletion: false,
    storageUris: [],
  };
}

function runtimePods(owner: Json): PodRef[] {
  const spec = isObject(owner.spec) ? owner.spec : {};
  const pods: PodRef[] = [{
    object: describeObject(owner), owner, pod: spec, path: 'spec', partial: true,
    annotations: stringMap(spec.annotations),
    containers: containerRefs(spec.containers, false, '', 'spec'),
    initContainers: containerRefs(spec.initContainers, true, '', 'spec'),
    runsToCompletion: false,
    storageUris: [],
  }];
  if (isObject(spec.workerSpec)) pods.push(workerPod(owner, spec.workerSpec, 'worker', 'spec.workerSpec'));
  return pods;
}

/** Every pod spec in one object (none for kinds without pods). */
export function podsOf(o: Json): PodRef[] {
  if (!isObject(o) || !isObject(o.spec) && o.kind !== 'Pod') return [];
  const spec = isObject(o.spec) ? o.spec : {};
  if (TEMPLATE_KINDS.has(o.kind)) {
    return [plainPod(o, spec.template, COMPLETING_KINDS.has(o.kind), 'spec.template.spec')].filter((p): p is PodRef => !!p);
  }
  if (o.kind === 'CronJob') {
    const job = isObject(spec.jobTemplate) && isObject(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
    return [plainPod(o, job.template, true, 'spec.jobTemplate.spec.template.spec')].filter((p): p is PodRef => !!p);
  }
  if (o.kind === 'Pod') {
    const completes = spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure';
    return [plainPod(o, { metadata: o.metadata, spec }, completes, 'spec')].filter((p): p is PodRef => !!p);
  }
  if (o.kind === 'InferenceService') return isvcPods(o);
  if (o.kind === 'ServingRuntime' || o.kind === 'ClusterServingRuntime') return runtimePods(o);
  return [];
}

/** Parse the objects once: skip anything that is not an object, extract every pod spec. */
export function readManifest(objects: readonly unknown[]): Manifest {
  const list = objects.filter(isObject);
  return { objects: list, pods: list.flatMap(podsOf) };
}

/** Namespace of an object (`undefined` when unset). */
export function namespaceOf(o: Json): string | undefined {
  return isObject(o.metadata) && typeof o.metadata.namespace === 'string' ? o.metadata.namespace : undefined;
}

/** Every container of a pod, serving first, then init. */
export function allContainers(p: PodRef): readonly ContainerRef[] {
  return [...p.containers, ...p.initContainers];
}

/** A container's env as a list of `{name, value?, valueFrom?}`. */
export function envList(c: Json): Json[] {
  return Array.isArray(c.env) ? c.env.filter(isObject) : [];
}

/** The env entry with this name, if any. */
export function envEntry(c: Json, name: string): Json | undefined {
  return envList(c).find(e => e.name === name);
}

/** Literal value of an env var (undefined if unset or from a reference). */
export function envValue(c: Json, name: string): string | undefined {
  const e = envEntry(c, name);
  return e && e.value !== undefined ? String(e.value) : undefined;
}

/** `command` then `args`, as strings. */
export function argv(c: Json): string[] {
  const list = (x: unknown) => (Array.isArray(x) ? x.map(String) : []);
  return [...list(c.command), ...list(c.args)];
}

/**
 * Every value given to a flag, read as the engines' parsers read it (`engines/locks.ts`,
 * `LOCK_SYNTAX`): `--flag=value` or `--flag value`, `_` and `-` alike, any unambiguous prefix
 * (`--load-form=pt` is `--load-format=pt`), vLLM's `--flag.key` as the flag. In order; the engine
 * uses the last. A flag without value yields `''`.
 */
export function flagValues(c: Json, flag: string): string[] {
  return flagValuesAs(LOCK_SYNTAX, argv(c), foldFlag(flag), WHOLE_FLAGS_THAT_ARE_PREFIXES);
}

/** True if the flag appears, read as {@link flagValues} reads it. */
export function hasFlag(c: Json, flag: string): boolean {
  return lockedFlagUses(LOCK_SYNTAX, argv(c), [foldFlag(flag)], WHOLE_FLAGS_THAT_ARE_PREFIXES).length > 0;
}

/** True for the boolean spellings huggingface_hub and friends accept as "on". */
export function truthy(v: string | undefined): boolean {
  return v !== undefined && ['1', 'on', 'yes', 'true'].includes(v.trim().toLowerCase());
}

/** Does a label selector (`matchLabels` / `matchExpressions`, or a plain map) select these labels? */
export function selects(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(selector)) return false;
  const plain = !('matchLabels' in selector) && !('matchExpressions' in selector);
  const matchLabels = plain ? selector : (isObject(selector.matchLabels) ? selector.matchLabels : {});
  for (const [k, v] of Object.entries(matchLabels)) if (labels[k] !== (typeof v === 'string' ? v : JSON.stringify(v) ?? '')) return false;
  for (const e of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    // a malformed expression selects nothing (the API server would refuse the object)
    if (!isObject(e) || typeof e.key !== 'string') return false;
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = Array.isArray(e.values) ? e.values.map(String) : [];
    const ok = e.operator === 'In' ? has && values.includes(labels[e.key])
      : e.operator === 'NotIn' ? !has || !values.includes(labels[e.key])
        : e.operator === 'Exists' ? has
          : e.operator === 'DoesNotExist' ? !has : false;
    if (!ok) return false;
  }
  return true;
}

/** Pods whose labels a selector in this namespace matches. */
export function selectedPods(m: Manifest, namespace: string | undefined, selector: unknown): PodRef[] {
  const index = podIndex(m);
  const pair = requiredLabel(selector);
  const candidates = (pair === undefined ? index.byNamespace.get(namespace) : index.byLabel.get(labelKey(namespace, ...pair))) ?? [];
  return candidates.filter(p => selects(selector, p.labels!));
}

/**
 * A label `[key, value]` the selector requires (its first `matchLabels` entry with a string value),
 * so only pods carrying it need to be tried; undefined when there is none.
 */
export function requiredLabel(selector: unknown): readonly [string, string] | undefined {
  if (!isObject(selector)) return undefined;
  const plain = !('matchLabels' in selector) && !('matchExpressions' in selector);
  const matchLabels = plain ? selector : selector.matchLabels;
  if (!isObject(matchLabels)) return undefined;
  for (const [k, v] of Object.entries(matchLabels)) if (typeof v === 'string') return [k, v];
  return undefined;
}

/** Key of one label in one namespace (unset namespace apart from the empty one). */
export function labelKey(namespace: string | undefined, key: string, value: string): string {
  return `${namespace === undefined ? '\u0001' : namespace}\u0000${key}\u0000${value}`;
}

/** The labelled pods of a manifest per namespace and per label, built once per check run. */
interface PodIndex {
  readonly byNamespace: Map<string | undefined, PodRef[]>;
  readonly byLabel: Map<string, PodRef[]>;
}
const POD_INDEX = new WeakMap<Manifest, PodIndex>();

function podIndex(m: Manifest): PodIndex {
  let index = POD_INDEX.get(m);
  if (index) return index;
  index = { byNamespace: new Map(), byLabel: new Map() };
  for (const p of m.pods) {
    if (!p.labels) continue;
    const ns = namespaceOf(p.owner);
    pushTo(index.byNamespace, ns, p);
    for (const [k, v] of Object.entries(p.labels)) pushTo(index.byLabel, labelKey(ns, k, v), p);
  }
  POD_INDEX.set(m, index);
  return index;
}

/** Append to the list under `key`, creating it. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The image repository without registry default, tag or digest (`vllm/vllm-openai`). */
export function imageRepository(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  return s.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '').replace(/^library\//, '');
}
