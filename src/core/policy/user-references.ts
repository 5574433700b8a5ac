/**
 * References the user asserted exist: a Secret named by a `SecretRef`, a ConfigMap given to
 * `envFrom` or `volumes`, a claim in a `pvc://` URI. The library's objects declare those external
 * (annotation `external.hf-serving-constructs.io/refs`), so K37 reports only references the library
 * made up without emitting the object, in every door (synth, CLI, cdk8s plugin, Pulumi pack).
 */
import { KubeObject } from '../kube';
import { podsOf } from './manifest';
import { provided, referencesOf, withExternalRefs } from './reference-checks';

/** Every string in the props (class instances and nested objects included, cycles skipped). */
function strings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value);
    for (const v of Array.isArray(value) ? value : Object.values(value)) strings(v, seen, out);
  }
  return out;
}

/** True when the user wrote this name: a prop value equal to it, or a `pvc://<name>` URI. */
function named(name: string, userStrings: readonly string[]): boolean {
  return userStrings.some(s => s === name || s.startsWith(`pvc://${name}/`) || s === `pvc://${name}`);
}

/**
 * The objects, each workload declaring as external the Secrets, ConfigMaps and claims it references
 * that are not among the objects and whose names come from the props.
 */
export function withUserReferences<T extends KubeObject>(objects: readonly T[], props: unknown): T[] {
  const userStrings = strings(props);
  const have = provided(objects);
  return objects.map(o => {
    const ns = o.metadata.namespace ?? '';
    const refs = [...new Set(podsOf(o).flatMap(referencesOf)
      .filter(r => !have.has(`${ns}|${r.kind}/${r.name}`) && named(r.name, userStrings))
      .map(r => `${r.kind}/${r.name}`))];
    return withExternalRefs(o, refs);
  });
}
