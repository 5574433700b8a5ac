/**
 * The policy checks as Pulumi CrossGuard policies, for `pulumi preview --policy-pack …`: Kubernetes
 * resources (InferenceServices and other custom resources included) are read back into plain objects
 * and checked. Single-object checks run per resource (`validateResource`); cross-object checks run
 * over every Kubernetes resource of the stack (`validateStack`). Errors are `mandatory` (they block
 * `pulumi up`), warnings `advisory`. Shapes after @pulumi/policy 1.21.0 policy.d.ts
 * (`ResourceValidationPolicy`, `StackValidationPolicy`, `EnforcementLevel`), imported as types only.
 * Loads neither cdk8s nor `@pulumi/policy` at run time: the policies are plain objects of the shapes
 * `@pulumi/policy` expects.
 */
import type {
  PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy,
} from '@pulumi/policy';
import { CROSS_OBJECT_CHECKS } from '../core/policy/scope';
import { checkManifests, CheckOptions, describeRef, Finding, Severity } from '../core/policy';

/** Options of {@link hfServingPolicies}. */
export interface HfServingPoliciesOptions extends CheckOptions {
  /**
   * Make warnings `mandatory` too (they block `pulumi up`).
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/** A Kubernetes object read back from a Pulumi resource's inputs. */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: unknown; readonly namespace?: unknown; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Pulumi Kubernetes type tokens that are not single Kubernetes objects. */
const NOT_OBJECTS = /^kubernetes:(yaml|kustomize|helm\.sh\/v\d+):|Patch$|List$/;

/**
 * The Kubernetes object a Pulumi resource stands for, or undefined for other resources. The kind and
 * apiVersion come from the props when set (CustomResource) or from the type token
 * (`kubernetes:apps/v1:Deployment` → `apps/v1`, `Deployment`; `core/v1` → `v1`); a missing
 * `metadata.name` is the Pulumi resource name (Pulumi auto-names it from there).
 */
export function kubernetesObject(type: string, props: Record<string, unknown>, name: string): KubernetesObject | undefined {
  if (!type.startsWith('kubernetes:') || NOT_OBJECTS.test(type)) return undefined;
  const [, groupVersion, typeKind] = type.split(':');
  const [group, version] = groupVersion.split('/');
  const apiVersion = props.apiVersion ?? (version === undefined ? undefined : group === 'core' ? version : `${group}/${version}`);
  const kind = props.kind ?? typeKind;
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') return undefined;
  const metadata = (typeof props.metadata === 'object' && props.metadata !== null ? props.metadata : {}) as Record<string, unknown>;
  return { ...props, apiVersion, kind, metadata: { ...metadata, name: metadata.name ?? name } };
}

function message(f: Finding): string {
  const where = `${describeRef(f.object)} ${f.path}${f.container ? ` [${f.container}]` : ''}`;
  return `[${f.id}] ${where}: ${f.message}. Fix: ${f.fix} (hf-serving-constructs ${f.docs})`;
}

function pick(findings: readonly Finding[], severity: Severity, cross: boolean): Finding[] {
  return findings.filter(f => f.waived === undefined && f.severity === severity && CROSS_OBJECT_CHECKS.has(f.id) === cross);
}

function resourcePolicy(name: string, severity: Severity, mandatory: boolean, options: CheckOptions): ResourceValidationPolicy {
  return {
    name,
    description: `hf-serving-constructs single-object checks, ${severity}s (Pod Security Standards, model-serving settings, hygiene)`,
    enforcementLevel: mandatory ? 'mandatory' : 'advisory',
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
      const obj = kubernetesObject(args.type, args.props, args.name);
      if (!obj) return;
      for (const f of pick(checkManifests([obj], options), severity, false)) report(message(f));
    },
  };
}

function stackPolicy(name: string, severity: Severity, mandatory: boolean, options: CheckOptions): StackValidationPolicy {
  return {
    name,
    description: `hf-serving-constructs cross-object checks, ${severity}s (network policies, selectors, autoscalers, budgets, references)`,
    enforcementLevel: mandatory ? 'mandatory' : 'advisory',
    validateStack: (args: StackValidationArgs, report: ReportViolation) => {
      const resources = args.resources
        .map(r => ({ r, obj: kubernetesObject(r.type, r.props, r.name) }))
        .filter((x): x is { r: PolicyResource; obj: KubernetesObject } => x.obj !== undefined);
      const key = (kind: unknown, ns: unknown, n: unknown) => `${String(kind)}|${ns ?? ''}|${String(n)}`;
      const urns = new Map(resources.map(({ r, obj }) => [key(obj.kind, obj.metadata.namespace, obj.metadata.name), r.urn]));
      for (const f of pick(checkManifests(resources.map(x => x.obj), options), severity, true)) {
        report(message(f), urns.get(key(f.object.kind, f.object.namespace, f.object.name)));
      }
    },
  };
}

/**
 * The four policies of the pack: single-object errors and warnings (`validateResource`), cross-object
 * errors and warnings (`validateStack`). Errors are mandatory; warnings advisory unless
 * `failOnWarnings`. Waived findings (annotation `ignore-check.hf-serving-constructs.io/<ID>`) are
 * not reported.
 */
export function hfServingPolicies(options: HfServingPoliciesOptions = {}): (ResourceValidationPolicy | StackValidationPolicy)[] {
  const { failOnWarnings = false, ...check } = options;
  return [
    resourcePolicy('hf-serving-errors', 'error', true, check),
    resourcePolicy('hf-serving-warnings', 'warning', failOnWarnings, check),
    stackPolicy('hf-serving-cross-object-errors', 'error', true, check),
    stackPolicy('hf-serving-cross-object-warnings', 'warning', failOnWarnings, check),
  ];
}
