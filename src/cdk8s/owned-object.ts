import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';

/**
 * An ApiObject for an object the core rendered, owning a private copy of it: the plain `objects` a
 * construct exposes are not a way around the escape hatches. Its manifest then changes only through
 * those escape hatches (`addJsonPatch`, the metadata methods), which are counted; `toJson()` is
 * computed once per change, since cdk8s serializes every object again for each chart it synthesizes.
 */
export function ownedApiObject(scope: Construct, id: string, obj: KubeObject): ApiObject {
  const { apiVersion, kind, metadata, ...rest } = copyData(obj);
  const o = new ApiObject(scope, id, { apiVersion, kind, metadata, ...rest });
  CHANGES.set(o, 0);
  const changed = (): void => { CHANGES.set(o, (CHANGES.get(o) ?? 0) + 1); };
  const addJsonPatch = o.addJsonPatch.bind(o);
  o.addJsonPatch = (...ops) => { changed(); addJsonPatch(...ops); };
  const meta = o.metadata as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const m of METADATA_MUTATORS) {
    const original = meta[m];
    if (typeof original === 'function') meta[m] = (...args: unknown[]) => { changed(); return original.apply(o.metadata, args); };
  }
  const toJson = o.toJson.bind(o);
  let last: { readonly changes: number; readonly json: unknown } | undefined;
  o.toJson = () => {
    const changes = CHANGES.get(o) ?? 0;
    if (last?.changes !== changes) last = { changes, json: toJson() };
    return copyData(last.json);
  };
  return o;
}

/** How many times an escape hatch changed one of the library's ApiObjects (`undefined` for others). */
export function escapeHatchChanges(o: ApiObject): number | undefined {
  return CHANGES.get(o);
}

const CHANGES = new WeakMap<ApiObject, number>();

/** Metadata methods that change the manifest (cdk8s `ApiObjectMetadataDefinition`). */
export const METADATA_MUTATORS = ['add', 'addLabel', 'addAnnotation', 'addFinalizers', 'addOwnerReference'] as const;

/** A deep copy of plain data (objects, arrays, scalars), as the core renders it and `toJson` returns it. */
function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const from = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(from)) out[k] = copyData(from[k]);
  return out as T;
}
