/**
 * References the user asserted exist: a Secret named by a `SecretRef`, a ConfigMap given to
 * `envFrom` or `volumes`, a claim in a `pvc://` URI. The library's objects declare those external
 * (annotation `external.hf-serving-constructs.io/refs`), so K37 reports only references the library
 * made up without emitting the object, in every door (synth, CLI, cdk8s plugin, Pulumi pack).
 */
import { KubeObject } from '../kube';
import { podsOf } from './manifest';
import { provided, referencesOf, withExternalRefs } from './reference-checks';

/**
 * Every string in the props: plain data and the fields of objects given as props (a model, a cache),
 * cycles skipped. Not the framework's tree behind them (a construct's `node`, a Pulumi resource's
 * `__` fields): walking it would visit every construct of the app once per construct.
 */
function strings(value: unknown, seen = new Set<unknown>(), out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value);
    if (Array.isArray(value)) for (const v of value) strings(v, seen, out);
    else for (const [k, v] of Object.entries(value)) if (!isFrameworkTree(k, v)) strings(v, seen, out);
  }
  return out;
}

/** A construct's tree node (constructs' `Node`: `path` and `scope`) or a Pulumi resource's internal field. */
function isFrameworkTree(key: string, value: unknown): boolean {
  if (key.startsWith('__')) return true;
  return key === 'node' && typeof value === 'object' && value !== null && 'path' in value && 'scope' in value;
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
