import * as pulumi from '@pulumi/pulumi';
import { CustomResource } from '@pulumi/kubernetes/apiextensions/customResource';
import { Deployment } from '@pulumi/kubernetes/apps/v1/deployment';
import { HorizontalPodAutoscaler } from '@pulumi/kubernetes/autoscaling/v2/horizontalPodAutoscaler';
import { Job } from '@pulumi/kubernetes/batch/v1/job';
import { ConfigMap } from '@pulumi/kubernetes/core/v1/configMap';
import { PersistentVolumeClaim } from '@pulumi/kubernetes/core/v1/persistentVolumeClaim';
import { Secret } from '@pulumi/kubernetes/core/v1/secret';
import { Service } from '@pulumi/kubernetes/core/v1/service';
import { ServiceAccount } from '@pulumi/kubernetes/core/v1/serviceAccount';
import { NetworkPolicy } from '@pulumi/kubernetes/networking/v1/networkPolicy';
import { PodDisruptionBudget } from '@pulumi/kubernetes/policy/v1/podDisruptionBudget';
import { ValidationError } from '../core/errors';
import { KubeObject } from '../core/kube';
import { objectIdentity } from '../core/object-names';
import { awaitBudgetSeconds, isAwaited, scalerOf, SKIP_AWAIT_ANNOTATION, TIMEOUT_SECONDS_ANNOTATION } from './await';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each resource class takes its own args type
type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed @pulumi/kubernetes classes by `apiVersion/kind`; other kinds become CustomResources. */
const TYPED: Readonly<Record<string, ResourceClass>> = {
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

/** Logical Pulumi name of an object: unique per kind and name within a stack. */
export function logicalName(obj: KubeObject): string {
  return `${obj.metadata.name}-${obj.kind.toLowerCase()}`;
}

/** How a component registers its objects. */
export interface RegisterOptions {
  /** Resources every object waits for (Secrets the objects reference, a ModelCache the pods mount). */
  readonly dependsOn?: readonly pulumi.Resource[];
  /** Mark awaited objects `pulumi.com/skipAwait: "true"` instead of giving them a wait budget. */
  readonly skipAwait?: boolean;
  /** Timeouts the user set on the component: they replace the derived ones on every awaited object. */
  readonly customTimeouts?: pulumi.CustomTimeouts;
}

/**
 * Resource options of one object, derived from the object set: awaited objects get
 * `customTimeouts` covering the budget they carry (see {@link awaitBudgetSeconds}); a workload an
 * autoscaler targets ignores changes to `spec.replicas` (see {@link scalingOptions}).
 */
export function childOptions(obj: KubeObject, objects: readonly KubeObject[], o: RegisterOptions = {}): pulumi.CustomResourceOptions {
  return { ...timeoutOptions(obj, objects, o), ...scalingOptions(obj, objects) };
}

/** `customTimeouts` of an awaited object: the user's, else the derived budget; none with skipAwait. */
function timeoutOptions(obj: KubeObject, objects: readonly KubeObject[], o: RegisterOptions): pulumi.CustomResourceOptions {
  if (o.skipAwait || !isAwaited(obj)) return {};
  if (o.customTimeouts) return { customTimeouts: o.customTimeouts };
  const budget = awaitBudgetSeconds(obj, objects);
  return budget === undefined ? {} : { customTimeouts: { create: `${budget}s`, update: `${budget}s` } };
}

/** A Deployment or StatefulSet an autoscaler targets ignores `spec.replicas`, so `pulumi up` never resets the count. */
export function scalingOptions(obj: KubeObject, objects: readonly KubeObject[]): pulumi.CustomResourceOptions {
  const scaled = (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') && scalerOf(obj, objects) !== undefined;
  return scaled ? { ignoreChanges: ['spec.replicas'] } : {};
}

/** The object as registered: with `pulumi.com/skipAwait: "true"` when asked and the provider would await it. */
export function registeredObject(obj: KubeObject, o: RegisterOptions = {}): KubeObject {
  if (!o.skipAwait || !isAwaited(obj)) return obj;
  return withAnnotation(obj, SKIP_AWAIT_ANNOTATION, 'true');
}

function withAnnotation(obj: KubeObject, key: string, value: string): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, annotations: { ...(obj.metadata.annotations ?? {}), [key]: value } } };
}

/** Register each object as a child of `parent` with the options {@link childOptions} derives. */
export function registerObjects(parent: pulumi.ComponentResource, objects: readonly KubeObject[], o: RegisterOptions = {}): pulumi.CustomResource[] {
  claimNames(parent, objects);
  return objects.map(obj => register(parent, obj, { ...registeredObject(obj, o) },
    { dependsOn: [...(o.dependsOn ?? [])], ...childOptions(obj, objects, o) }));
}

/** `apiVersion/kind/namespace?/name`: what identifies an object in a set. */
export function objectId(obj: KubeObject): string {
  return `${obj.apiVersion}/${obj.kind}/${obj.metadata.name}`;
}

/**
 * Register the objects of a component whose props are not all known yet: `structure` (rendered from
 * the known props) fixes which children exist, their names and options; `later` (rendered once every
 * prop resolved) gives their content. The wait budget is then only known later, so awaited objects
 * carry it as the `pulumi.com/timeoutSeconds` annotation (unless the user set `customTimeouts`).
 */
export function registerLateObjects(
  parent: pulumi.ComponentResource, structure: readonly KubeObject[], later: pulumi.Output<readonly KubeObject[]>, o: RegisterOptions = {},
): pulumi.CustomResource[] {
  claimNames(parent, structure);
  return structure.map(s => {
    const full = later.apply(objects => {
      const obj = objects.find(x => objectId(x) === objectId(s))!;
      const budget = o.skipAwait || o.customTimeouts ? undefined : awaitBudgetSeconds(obj, objects);
      const annotated = budget === undefined ? obj
        : withAnnotation(obj, TIMEOUT_SECONDS_ANNOTATION, String(budget));
      return registeredObject(annotated, o) as Record<string, unknown>;
    });
    const args: Record<string, unknown> = { apiVersion: s.apiVersion, kind: s.kind };
    for (const k of Object.keys(s)) if (k !== 'apiVersion' && k !== 'kind') args[k] = full.apply(f => f[k]);
    return register(parent, s, args, {
      dependsOn: [...(o.dependsOn ?? [])],
      ...scalingOptions(s, structure),
      ...(o.customTimeouts && !o.skipAwait && isAwaited(s) ? { customTimeouts: o.customTimeouts } : {}),
    });
  });
}

function register(
  parent: pulumi.ComponentResource, obj: KubeObject, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions,
): pulumi.CustomResource {
  const cls = TYPED[`${obj.apiVersion}/${obj.kind}`];
  const all = { ...opts, parent };
  return cls
    ? new cls(logicalName(obj), args, all)
    : new CustomResource(logicalName(obj), args as unknown as ConstructorParameters<typeof CustomResource>[1], all);
}

/** Per stack: identity of every object a component registered → the component's name. */
const CLAIMED_BY_STACK = new WeakMap<object, Map<string, string>>();
const CLAIMED_BY_NAME = new Map<string, Map<string, string>>();

/** The registry of the running stack (the stack resource when there is one; else project and stack name). */
function claimsOfStack(): Map<string, string> {
  const stack = pulumi.runtime.getStackResource();
  const table = stack ? CLAIMED_BY_STACK.get(stack) : CLAIMED_BY_NAME.get(`${pulumi.getProject()}/${pulumi.getStack()}`);
  if (table) return table;
  const fresh = new Map<string, string>();
  if (stack) CLAIMED_BY_STACK.set(stack, fresh);
  else CLAIMED_BY_NAME.set(`${pulumi.getProject()}/${pulumi.getStack()}`, fresh);
  return fresh;
}

/**
 * Refuse objects whose kind, namespace and name another component of the stack already registered:
 * Pulumi keeps both (their URNs differ by parent type or name), and in the cluster the one applied
 * last wins. A component of the same type and name registering again is Pulumi's own duplicate-URN
 * error, not ours, so it is let through (tests build one program many times in one process).
 */
function claimNames(parent: pulumi.ComponentResource, objects: readonly KubeObject[]): void {
  // Pulumi keeps the type and logical name of every resource in `__pulumiType` and `__name`
  const internal = parent as unknown as { __name?: string; __pulumiType?: string };
  const name = String(internal.__name ?? objects[0]?.metadata.name ?? '(component)');
  const owner = `${String(internal.__pulumiType ?? '')}::${name}`;
  const claimed = claimsOfStack();
  const mine = new Set<string>();
  for (const o of objects) {
    const id = objectIdentity(o);
    const other = claimed.get(id);
    const clash = (other !== undefined && other !== owner) || mine.has(id);
    if (clash) {
      const otherName = other !== undefined && other !== owner ? other.slice(other.indexOf('::') + 2) : name;
      throw new ValidationError(name, 'name', name, `makes ${id}, which ${otherName} also makes (the one applied last would replace the other)`,
        'give one of the two components another name');
    }
    mine.add(id);
  }
  for (const id of mine) claimed.set(id, owner);
}
