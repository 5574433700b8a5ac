import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { KubeObject } from '../core/kube';
import { objectIdentity } from '../core/object-names';
import { ServingContext } from '../core/serving';
import { ownedApiObject } from './owned-object';
import { trackServingScope } from './serving-policy';

/** Kinds that are the primary object of a construct (child id `Resource`, so `ApiObject.of(construct)` finds it). */
const PRIMARY_KINDS = new Set(['InferenceService', 'Deployment', 'NodePool', 'Job']);

/** Where a construct lives, for the core. */
export function servingContext(scope: Construct): ServingContext {
  return { path: scope.node.path, name: scope.node.id, namespace: Chart.of(scope).namespace };
}

/**
 * Add rendered objects as ApiObjects under `scope`, checked at synthesis by the chart's `ServingPolicy`.
 * The first primary kind gets id `Resource`; the
 * others get `<Kind>` or `<Kind>-<suffix>` ids derived from their names, which are stable.
 */
export function addObjects(scope: Construct, objects: readonly KubeObject[]): ApiObject[] {
  trackServingScope(scope);
  claimNames(scope, objects);
  let primaryTaken = false;
  return objects.map(obj => {
    let id: string;
    if (!primaryTaken && PRIMARY_KINDS.has(obj.kind)) {
      id = 'Resource';
      primaryTaken = true;
    } else {
      const name = obj.metadata.name;
      const suffix = name.startsWith(scope.node.id) ? name.slice(scope.node.id.length).replace(/^-/, '') : name;
      id = suffix ? `${obj.kind}-${suffix}` : obj.kind;
    }
    return ownedApiObject(scope, id, obj);
  });
}

/** Per chart: identity of every object our constructs made (see `objectIdentity`) → the construct path that made it. */
const CLAIMED = new WeakMap<Chart, Map<string, string>>();

/**
 * Refuse, at construction, an object whose kind, namespace and name another construct of the same
 * chart already made (the manifest applied last would silently win). The chart also checks every
 * ApiObject at synth, so objects added by hand are caught too.
 */
function claimNames(scope: Construct, objects: readonly KubeObject[]): void {
  const chart = Chart.of(scope);
  let claimed = CLAIMED.get(chart);
  if (!claimed) {
    claimed = new Map();
    CLAIMED.set(chart, claimed);
    chart.node.addValidation({ validate: () => duplicateApiObjects(chart) });
  }
  const mine = new Map<string, KubeObject>();
  for (const o of objects) {
    const id = objectIdentity(o, chart.namespace);
    const owner = claimed.get(id) ?? (mine.has(id) ? scope.node.path : undefined);
    if (owner !== undefined) {
      throw new ValidationError(scope.node.path, 'id', scope.node.id,
        `makes ${id}, which ${owner} also makes (the one applied last would replace the other)`,
        'give one of the two constructs another id');
    }
    mine.set(id, o);
  }
  for (const id of mine.keys()) claimed.set(id, scope.node.path);
}

/** Synth-time check over every ApiObject of the chart, ours or added by hand. */
function duplicateApiObjects(chart: Chart): string[] {
  const seen = new Map<string, string>();
  const errors: string[] = [];
  for (const c of chart.node.findAll()) {
    if (!(c instanceof ApiObject)) continue;
    const meta = { name: c.name, namespace: c.metadata.namespace };
    const id = objectIdentity({ apiVersion: c.apiVersion, kind: c.kind, metadata: meta }, chart.namespace);
    const other = seen.get(id);
    if (other !== undefined) errors.push(`${c.node.path}: makes ${id}, which ${other} also makes; give one of the two another name`);
    else seen.set(id, c.node.path);
  }
  return errors;
}
