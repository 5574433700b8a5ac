import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { ServingContext } from '../core/serving';
import { ServingPolicy } from './serving-policy';

/** Kinds that are the primary object of a construct (child id `Resource`, so `ApiObject.of(construct)` finds it). */
const PRIMARY_KINDS = new Set(['InferenceService', 'Deployment', 'NodePool', 'Job']);

/** Where a construct lives, for the core. */
export function servingContext(scope: Construct): ServingContext {
  return { path: scope.node.path, name: scope.node.id, namespace: Chart.of(scope).namespace };
}

/**
 * Add rendered objects as ApiObjects under `scope`, checked at synthesis by the chart's {@link ServingPolicy}.
 * The first primary kind gets id `Resource`; the
 * others get `<Kind>` or `<Kind>-<suffix>` ids derived from their names, which are stable.
 */
export function addObjects(scope: Construct, objects: readonly KubeObject[]): ApiObject[] {
  ServingPolicy.of(Chart.of(scope))._track(scope);
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
    const { apiVersion, kind, metadata, ...rest } = obj;
    return new ApiObject(scope, id, { apiVersion, kind, metadata: { ...metadata }, ...rest });
  });
}
