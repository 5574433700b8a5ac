/**
 * The props each construct of this library was created with, kept off the public surface (no `_props`
 * member): the cdk8s/Pulumi parity test re-creates a chart's constructs as Pulumi components from
 * them. Not exported by any entry.
 */
const PROPS = new WeakMap<object, unknown>();

/** Remember the props `construct` was created with. */
export function recordProps(construct: object, props: unknown): void {
  PROPS.set(construct, props);
}

/** The props a construct of this library was created with; undefined for any other construct. */
export function constructProps(construct: object): unknown {
  return PROPS.get(construct);
}
