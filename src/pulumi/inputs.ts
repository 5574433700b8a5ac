import * as pulumi from '@pulumi/pulumi';
import { IModelCache } from '../core/cache';
import { HuggingFaceModel } from '../core/model';
import { IGpuNodePool } from '../core/scheduling';
import { SecretRef } from '../core/secret-ref';

/** Values passed whole (never looked into): library classes, resources, functions. */
export type Whole = HuggingFaceModel | SecretRef | IModelCache | IGpuNodePool | pulumi.Resource | ((...args: never[]) => unknown);

/**
 * A prop value as a Pulumi program may give it: the plain value, or a `pulumi.Input` of it, at
 * every level of plain objects and arrays (`resources: { memory: config.require('memory') }`,
 * `env: { LOG_LEVEL: other.output }`, `allowFrom: [{ namespace: ns.metadata.name }]`).
 */
export type DeepInput<T> =
  T extends Whole | string | number | boolean | null | undefined ? pulumi.Input<T>
    : T extends ReadonlyArray<infer E> ? pulumi.Input<ReadonlyArray<DeepInput<E>>>
      : T extends object ? pulumi.Input<{ readonly [K in keyof T]: DeepInput<T[K]> }>
        : pulumi.Input<T>;

/** The props `T` with every value a {@link DeepInput}: how each Pulumi component widens its cdk8s props. */
export type Inputs<T> = { readonly [K in keyof T]: DeepInput<T[K]> };

/** A value not known when the component is constructed: an `Output` or a promise. */
export function isLate(v: unknown): boolean {
  return pulumi.Output.isInstance(v) || (typeof v === 'object' && v !== null && typeof (v as PromiseLike<unknown>).then === 'function');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** One late value inside the props, by its path (`resources.memory`, `allowFrom[0].namespace`). */
export interface LateValue {
  readonly path: string;
  readonly value: pulumi.Input<unknown>;
}

/** The props split into what is known now and what arrives later. */
export interface SplitInputs<T> {
  /** The props without their late values (a late array element or key is left out). */
  readonly known: Partial<T>;
  /** Every late value with its path; empty when everything is known. */
  readonly late: readonly LateValue[];
  /** The props with every late value resolved; undefined when nothing is late. */
  readonly resolved?: pulumi.Output<T>;
}

/**
 * Split Pulumi inputs into the values known at construction and the late ones. Only plain objects
 * and arrays are looked into; class instances (a `HuggingFaceModel`, a `ModelCache`) are values.
 * Resolution keeps class instances intact (`pulumi.all` would rebuild them as plain objects) and
 * keeps Pulumi's secret and dependency tracking of the late values.
 */
export function splitInputs<T>(args: Inputs<T> | T): SplitInputs<T> {
  const late: LateValue[] = [];
  const known = strip(args, '', late) as Partial<T>;
  if (late.length === 0) return { known, late };
  const boxed = late.map(l => (pulumi.Output.isInstance(l.value)
    ? l.value.apply(v => () => v)
    : pulumi.output(Promise.resolve(l.value).then(v => () => v))));
  const resolved = pulumi.all(boxed).apply(unbox => fill(args, '', new Map(late.map((l, i) => [l.path, unbox[i]()]))) as T);
  return { known, late, resolved: resolved as pulumi.Output<T> };
}

const REMOVED = Symbol('late');

function strip(v: unknown, path: string, late: LateValue[]): unknown {
  if (isLate(v)) {
    late.push({ path, value: v as pulumi.Input<unknown> });
    return REMOVED;
  }
  if (Array.isArray(v)) return v.map((e, i) => strip(e, `${path}[${i}]`, late)).filter(e => e !== REMOVED);
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, e] of Object.entries(v)) {
      const s = strip(e, path ? `${path}.${k}` : k, late);
      if (s !== REMOVED) out[k] = s;
    }
    return out;
  }
  return v;
}

function fill(v: unknown, path: string, values: ReadonlyMap<string, unknown>): unknown {
  if (isLate(v)) return values.get(path);
  if (Array.isArray(v)) return v.map((e, i) => fill(e, `${path}[${i}]`, values));
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, e]) => [k, fill(e, path ? `${path}.${k}` : k, values)]));
  return v;
}
