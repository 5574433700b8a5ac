/**
 * K37: references from pods to Secrets, ConfigMaps and PersistentVolumeClaims that are neither among
 * the objects nor declared external. A missing ConfigMap or claim keeps the pod from starting; a
 * missing Secret is often created by a secret store (External Secrets, Vault, Sealed Secrets), so it
 * is a warning.
 */
import { ExternalObjects, Severity } from './finding';
import { allContainers, isObject, Json, namespaceOf, PodRef } from './manifest';
import { CheckContext, CheckResult, Problem, Rule } from './rule';

/** Annotation by which an object declares the objects it references that exist outside the set. */
export const EXTERNAL_REFS_ANNOTATION = 'external.hf-serving-constructs.io/refs';

/**
 * A copy of `o` whose metadata declares `refs` (`Kind/name`, e.g. `PersistentVolumeClaim/model-store`)
 * as existing outside the objects, for references the user told us are to existing objects.
 */
export function withExternalRefs<T extends { readonly metadata: { readonly annotations?: Record<string, string> } }>(
  o: T, refs: readonly string[],
): T {
  if (refs.length === 0) return o;
  const before = o.metadata.annotations?.[EXTERNAL_REFS_ANNOTATION];
  const value = [...(before ? [before] : []), ...refs].join(', ');
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, [EXTERNAL_REFS_ANNOTATION]: value } } };
}

/** Kinds K37 follows references to. */
type RefKind = 'Secret' | 'ConfigMap' | 'PersistentVolumeClaim';

/** One reference found in a pod. */
export interface Reference {
  readonly kind: RefKind;
  readonly name: string;
  /** Field path of the reference. */
  readonly path: string;
  readonly container?: string;
}

const SEVERITY: Readonly<Record<RefKind, Severity>> = { Secret: 'warning', ConfigMap: 'error', PersistentVolumeClaim: 'error' };
const OPTIONS_KEY: Readonly<Record<RefKind, keyof ExternalObjects>> = {
  Secret: 'secrets', ConfigMap: 'configMaps', PersistentVolumeClaim: 'persistentVolumeClaims',
};
const PVC_URI = /^pvc:\/\/([^/]+)/;

function list(x: unknown): Json[] {
  return Array.isArray(x) ? x.filter(isObject) : [];
}

function named(kind: RefKind, name: unknown, path: string, optional: unknown, container?: string): Reference[] {
  return typeof name === 'string' && name !== '' && optional !== true ? [{ kind, name, path, ...(container ? { container } : {}) }] : [];
}

function volumeRefs(p: PodRef): Reference[] {
  return list(p.pod.volumes).flatMap((v, i) => {
    const at = `${p.path}.volumes[${i}]`;
    return [
      ...named('Secret', v.secret?.secretName, `${at}.secret.secretName`, v.secret?.optional),
      ...named('ConfigMap', v.configMap?.name, `${at}.configMap.name`, v.configMap?.optional),
      ...named('PersistentVolumeClaim', v.persistentVolumeClaim?.claimName, `${at}.persistentVolumeClaim.claimName`, false),
      ...list(v.projected?.sources).flatMap((s, j) => [
        ...named('Secret', s.secret?.name, `${at}.projected.sources[${j}].secret.name`, s.secret?.optional),
        ...named('ConfigMap', s.configMap?.name, `${at}.projected.sources[${j}].configMap.name`, s.configMap?.optional),
      ]),
    ];
  });
}

function containerRefs(p: PodRef): Reference[] {
  return allContainers(p).flatMap(c => [
    ...list(c.spec.env).flatMap((e, k) => [
      ...named('Secret', e.valueFrom?.secretKeyRef?.name, `${c.path}.env[${k}].valueFrom.secretKeyRef.name`,
        e.valueFrom?.secretKeyRef?.optional, c.name),
      ...named('ConfigMap', e.valueFrom?.configMapKeyRef?.name, `${c.path}.env[${k}].valueFrom.configMapKeyRef.name`,
        e.valueFrom?.configMapKeyRef?.optional, c.name),
    ]),
    ...list(c.spec.envFrom).flatMap((e, k) => [
      ...named('Secret', e.secretRef?.name, `${c.path}.envFrom[${k}].secretRef.name`, e.secretRef?.optional, c.name),
      ...named('ConfigMap', e.configMapRef?.name, `${c.path}.envFrom[${k}].configMapRef.name`, e.configMapRef?.optional, c.name),
    ]),
    ...(typeof c.spec.storageUri === 'string' && PVC_URI.test(c.spec.storageUri)
      ? named('PersistentVolumeClaim', PVC_URI.exec(c.spec.storageUri)![1], `${c.path}.storageUri`, false, c.name) : []),
  ]);
}

/** Every reference of a pod spec: volumes, env, envFrom, imagePullSecrets, KServe `pvc://` storage URIs. */
export function referencesOf(p: PodRef): Reference[] {
  return [
    ...volumeRefs(p),
    ...containerRefs(p),
    ...list(p.pod.imagePullSecrets).flatMap((s, i) => named('Secret', s.name, `${p.path}.imagePullSecrets[${i}].name`, false)),
  ];
}

/** `Kind/name` keys of the objects a set provides in one namespace (Secrets made by ExternalSecrets and SealedSecrets included). */
export function provided(objects: readonly Json[]): Set<string> {
  const out = new Set<string>();
  for (const o of objects) {
    const name = isObject(o.metadata) ? o.metadata.name : undefined;
    const ns = namespaceOf(o) ?? '';
    if (o.kind === 'Secret' || o.kind === 'ConfigMap' || o.kind === 'PersistentVolumeClaim' || o.kind === 'SealedSecret') {
      out.add(`${ns}|${o.kind === 'SealedSecret' ? 'Secret' : o.kind}/${String(name)}`);
    }
    if (o.kind === 'ExternalSecret') out.add(`${ns}|Secret/${String(o.spec?.target?.name ?? name)}`);
  }
  return out;
}

/** References the owner declares external by annotation, as `Kind/name`. */
function declared(owner: Json): Set<string> {
  const a = isObject(owner.metadata) && isObject(owner.metadata.annotations) ? owner.metadata.annotations[EXTERNAL_REFS_ANNOTATION] : undefined;
  return new Set(typeof a === 'string' ? a.split(/[\s,]+/).filter(Boolean) : []);
}

function declaredByOptions(ctx: CheckContext, r: Reference, namespace: string | undefined): boolean {
  const names = ctx.options.external?.[OPTIONS_KEY[r.kind]] ?? [];
  return names.includes(r.name) || (namespace !== undefined && names.includes(`${namespace}/${r.name}`));
}

function referenceCheck(ctx: CheckContext): CheckResult {
  const have = provided(ctx.manifest.objects);
  const problems: Problem[] = [];
  let inspected = 0;
  for (const p of ctx.manifest.pods.filter(x => x.owner.kind !== 'ClusterServingRuntime')) {
    const ns = namespaceOf(p.owner);
    const external = declared(p.owner);
    for (const r of referencesOf(p)) {
      inspected++;
      const key = `${r.kind}/${r.name}`;
      if (have.has(`${ns ?? ''}|${key}`) || external.has(key) || declaredByOptions(ctx, r, ns)) continue;
      problems.push({
        object: p.object, owner: p.owner, path: r.path, ...(r.container ? { container: r.container } : {}),
        severity: SEVERITY[r.kind],
        message: `${r.kind} "${r.name}" is neither among the objects nor declared external`,
        fix: `add the ${r.kind} to the objects, or declare that it exists elsewhere: annotation ${EXTERNAL_REFS_ANNOTATION}: "${key}" `
          + 'on this object (or checkManifests option external)',
      });
    }
  }
  return { inspected, problems };
}

/** Cross-object reference checks. */
export const REFERENCE_RULES: readonly Rule[] = [
  {
    id: 'K37', title: 'referenced Secrets, ConfigMaps and PVCs exist or are declared external', severity: 'error',
    source: 'kube-linter non-existent-service-account (same idea for other references); '
      + 'Kubernetes pod startup (missing ConfigMap/PVC blocks it); own',
    fix: 'emit the referenced object with the rest, or declare it external',
    run: referenceCheck,
  },
];
