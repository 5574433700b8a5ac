/**
 * Turning a check's {@link Problem} into a {@link Finding} every tool can use: the object as
 * kind/namespace/name, a field path into it, a stable docs anchor, and the object's waiver.
 */
import { Finding, ObjectRef } from './finding';
import { describeObject, isObject, Json } from './manifest';
import { Problem, Rule } from './rule';
import { waiverOf } from './waivers';

/** Where the checks are documented, relative to the package root. */
export const POLICY_DOCS_PAGE = 'docs/policy-checks.md';
/** Path of a finding about the object as a whole. */
export const WHOLE_OBJECT_PATH = 'metadata.name';

/** The docs entry of a check: `docs/policy-checks.md#k05`. */
export function docsLink(id: string): string {
  return `${POLICY_DOCS_PAGE}#${id.toLowerCase()}`;
}

/** Kind, namespace and name of an object (placeholders when missing, as in `describeObject`). */
export function objectRef(o: Json): ObjectRef {
  const m = isObject(o.metadata) ? o.metadata : {};
  return {
    ...(typeof o.apiVersion === 'string' ? { apiVersion: o.apiVersion } : {}),
    kind: String(o.kind ?? '(no kind)'),
    ...(m.namespace ? { namespace: String(m.namespace) } : {}),
    name: String(m.name ?? '(unnamed)'),
  };
}

/** Resolves a problem's object: its `owner`, else the first checked object `describeObject` names the same. */
export function ownerIndex(objects: readonly Json[]): (p: Problem) => Json | undefined {
  const byName = new Map<string, Json>();
  for (const o of objects) if (!byName.has(describeObject(o))) byName.set(describeObject(o), o);
  return p => p.owner ?? byName.get(p.object);
}

/** The finding of one problem, with the rule's defaults, location, docs link and waiver. */
export function toFinding(rule: Rule, p: Problem, owner: Json | undefined): Finding {
  const waiver = waiverOf(owner, rule.id);
  const note = waiver && waiver.reason === undefined
    ? ` (the waiver annotation ignore-check.hf-serving-constructs.io/${rule.id} has no reason, so it does not apply)` : '';
  return {
    id: rule.id,
    severity: p.severity ?? rule.severity,
    object: owner ? objectRef(owner) : fallbackRef(p.object),
    path: p.path ?? WHOLE_OBJECT_PATH,
    ...(p.container !== undefined ? { container: p.container } : {}),
    message: `${p.message}${note}`,
    fix: p.fix ?? rule.fix,
    docs: docsLink(rule.id),
    source: rule.source,
    ...(waiver?.reason !== undefined ? { waived: waiver.reason } : {}),
  };
}

/** Parse `Kind namespace/name` back (only when a check named an object not among the inputs). */
function fallbackRef(described: string): ObjectRef {
  const [kind, rest = ''] = described.split(' ', 2);
  const slash = rest.indexOf('/');
  return slash >= 0 ? { kind, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) } : { kind, name: rest };
}
