import * as pulumi from '@pulumi/pulumi';
import { ServingContext } from '../core/context';
import { ValidationError } from '../core/errors';
import { KubeObject } from '../core/kube';
import { HuggingFaceModel } from '../core/model';
import { Inputs, splitInputs } from './inputs';
import { objectId, registerLateObjects, registerObjects, RegisterOptions } from './resources';

/** What a core render function returns: the objects, and outputs the component reports. */
export interface Rendered {
  readonly objects: KubeObject[];
}

/** One component's render: its props as Pulumi inputs, the core render function, and how to register. */
export interface ComponentRender<P, R extends Rendered> {
  readonly parent: pulumi.ComponentResource;
  readonly name: string;
  /** Namespace of the objects; undefined for cluster-scoped components. */
  readonly namespace?: pulumi.Input<string>;
  readonly props: Inputs<P> | P;
  readonly render: (props: P, ctx: ServingContext) => R;
  readonly register: RegisterOptions;
  /** Resources to create once the known props validated, which every object depends on (the token Secrets). */
  readonly dependencies?: () => readonly pulumi.Resource[];
}

/** A component's render. */
export interface ComponentRendered<R> {
  /** Read an output of the render: from the render now when every prop was known, else once they resolved. */
  readonly output: <V>(pick: (r: R) => V) => pulumi.Output<V>;
  /**
   * The render from the props known at construction (the full render when nothing is late): for
   * values no late prop decides, such as object names.
   */
  readonly now: R;
}

/**
 * Stand-ins for required props (no default) that are not known at construction, used only to decide
 * which objects exist, never in an object: a serving model stands in as the cache's model or a pinned
 * dummy; a ModelCache size as a valid quantity. Other required props must be plain values.
 */
const STRUCTURE_STAND_INS: Readonly<Record<string, (known: Record<string, unknown>) => unknown>> = {
  model: known => (known.cache as { model?: HuggingFaceModel } | undefined)?.model
    ?? HuggingFaceModel.fromHub('hf-serving/structure', { revision: '0'.repeat(40) }),
  size: () => '1Ti',
};
/** Namespace used to decide the objects when the real one is not known yet (never in an object). */
const STRUCTURE_NAMESPACE = 'hf-serving-structure';

/**
 * Render a component and register its objects, one mechanism for every prop:
 * - every prop known (plain values): validate and render now, as the cdk8s construct does, so bad
 *   input throws a `ValidationError` from the constructor and the objects equal the cdk8s ones;
 * - some props are Outputs or promises: render now from the known props (their defaults standing
 *   in for the late ones) to fix which objects exist and their names; render again when everything
 *   resolved, and give each object that content. A late value that is invalid throws the same
 *   `ValidationError` then, which fails the update; one that would change the set of objects does too.
 */
export function renderComponent<P, R extends Rendered>(c: ComponentRender<P, R>): ComponentRendered<R> {
  const ctx = (namespace: string | undefined): ServingContext => ({ path: c.name, name: c.name, ...(namespace !== undefined ? { namespace } : {}) });
  const split = splitInputs<{ props: P; namespace?: string }>({ props: c.props as P, namespace: c.namespace as string | undefined });
  if (!split.resolved) {
    const r = c.render(split.known.props as P, ctx(split.known.namespace));
    registerObjects(c.parent, r.objects, withDependencies(c));
    return { now: r, output: <V>(pick: (x: R) => V) => pulumi.output(pick(r)) as unknown as pulumi.Output<V> };
  }
  const lateFields = split.late.map(l => l.path.replace(/^props\./, ''));
  const structure = renderStructure(c, split.known.props ?? {}, split.known.namespace, lateFields);
  const later = split.resolved.apply(v => {
    const r = c.render(v.props, ctx(v.namespace));
    requireSameObjects(c.name, structure.objects, r.objects, lateFields);
    return r;
  });
  registerLateObjects(c.parent, structure.objects, later.apply(r => r.objects), withDependencies(c));
  return { now: structure, output: <V>(pick: (x: R) => V) => later.apply(pick) as unknown as pulumi.Output<V> };
}

function withDependencies<P, R extends Rendered>(c: ComponentRender<P, R>): RegisterOptions {
  return { ...c.register, dependsOn: [...(c.register.dependsOn ?? []), ...(c.dependencies?.() ?? [])] };
}

function renderStructure<P, R extends Rendered>(
  c: ComponentRender<P, R>, known: Partial<P>, namespace: string | undefined, lateFields: readonly string[],
): R {
  let props: Record<string, unknown> = { ...known };
  for (const field of lateFields) {
    const top = field.split(/[.[]/)[0];
    if (props[top] === undefined && STRUCTURE_STAND_INS[top]) props[top] = STRUCTURE_STAND_INS[top](props);
    // a late leaf inside a list entry (a peer's namespace): a name stands in, so the entry is not read as empty
    else if (field.includes('[')) props = withLeaf(props, field, STRUCTURE_NAMESPACE);
  }
  try {
    return c.render(props as P, { path: c.name, name: c.name, namespace: namespace ?? STRUCTURE_NAMESPACE });
  } catch (e) {
    const late = ValidationError.isValidationError(e) && lateFields.find(f => overlaps(f, e.field));
    if (!late) throw e;
    throw new ValidationError(c.name, late, '<Output>',
      'must be known when the component is constructed: the objects are decided then, and no default can stand in for it',
      'pass a plain value (e.g. from pulumi.Config) instead of an Output or promise');
  }
}

/** A copy of `obj` with the value at `path` (`a[0].b`) set to `value` where it is missing. */
function withLeaf(obj: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split(/\.|\[(\d+)\]/).filter(k => k !== undefined && k !== '');
  const set = (node: unknown, i: number): unknown => {
    if (i === keys.length) return node === undefined ? value : node;
    const k = keys[i];
    if (Array.isArray(node)) return node.map((x, j) => (String(j) === k ? set(x, i + 1) : x));
    if (typeof node === 'object' && node !== null) return { ...node, [k]: set((node as Record<string, unknown>)[k], i + 1) };
    return node;
  };
  return set(obj, 0) as Record<string, unknown>;
}

/** Whether two field paths name the same value or one contains the other. */
function overlaps(a: string, b: string): boolean {
  const within = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return within(a, b) || within(b, a);
}

function requireSameObjects(name: string, structure: readonly KubeObject[], resolved: readonly KubeObject[], lateFields: readonly string[]): void {
  const shape = (objects: readonly KubeObject[]) => objects.map(o => `${objectId(o)}{${Object.keys(o).sort().join(',')}}`).sort().join(' ');
  if (shape(structure) !== shape(resolved)) {
    throw new ValidationError(name, lateFields.join(', '), '<Output>', 'changed which objects the component creates once resolved',
      'pass these props as plain values (e.g. from pulumi.Config) instead of Outputs or promises');
  }
}
