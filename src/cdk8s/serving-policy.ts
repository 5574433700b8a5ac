import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { blockingFindings, checkManifests, describeRef, ExternalObjects, Finding, RULES } from '../core/policy';
import { WAIVER_ANNOTATION_PREFIX } from '../core/policy/waivers';

/** Settings of the synth-time policy check of one chart. */
export interface ServingPolicyOptions {
  /**
   * Fail `app.synth()` on warnings too, not only on errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * Run the checks at synth time at all. Turning this off gives up the guarantee that escape-hatch
   * patches did not undo a secure default.
   * @default true
   */
  readonly enforce?: boolean;
  /**
   * Strict image pinning: K19 also requires `@sha256:` digests.
   * @default false
   */
  readonly requireDigest?: boolean;
  /**
   * Secrets, ConfigMaps and claims created outside the app (K37 does not report references to them).
   * @default - none
   */
  readonly external?: ExternalObjects;
}

const REGISTRY = new WeakMap<Chart, ServingPolicy>();

/**
 * The policy checks of {@link checkManifests}, run when the app synthesizes (`app.synth()`,
 * `chart.toJson()`, `Testing.synth(chart)`): every serving construct registers its chart's policy,
 * which validates the final objects of the library's constructs, after escape-hatch patches, with
 * every object of the same chart as context (a chart is one manifest file, one deployment unit;
 * objects of other charts are not assumed to be applied beside it). Error findings (and warnings with `failOnWarnings`) fail the
 * synthesis with a message listing them; findings waived by annotation are reported as waived.
 */
export class ServingPolicy {
  /** The chart's policy, created (and its validation added to the chart) on first use. */
  public static of(chart: Chart): ServingPolicy {
    let policy = REGISTRY.get(chart);
    if (!policy) {
      policy = new ServingPolicy(chart);
      REGISTRY.set(chart, policy);
    }
    return policy;
  }

  /**
   * Waive check `id` on `target` (an ApiObject, or a construct whose primary object is meant) with a
   * reason: the annotation `ignore-check.hf-serving-constructs.io/<id>: <reason>`, which every door
   * (synth, CLI, cdk8s plugin, Pulumi policy pack) honours. The finding is still reported, as waived.
   */
  public static waive(target: IConstruct, id: string, reason: string): void {
    const obj = ApiObject.isApiObject(target) ? target : ApiObject.of(target);
    if (typeof reason !== 'string' || reason.trim() === '') {
      throw new ValidationError(target.node.path, `waive(${id}).reason`, String(reason), 'is empty',
        'say why the check does not apply, e.g. "test cluster: the model API is used by the CI job"');
    }
    if (!RULES.some(r => r.id === id)) {
      throw new ValidationError(target.node.path, 'waive.id', id, 'is not a check ID', 'use an ID from docs/policy-checks.md, e.g. "M10"');
    }
    obj.metadata.addAnnotation(`${WAIVER_ANNOTATION_PREFIX}${id}`, reason.trim());
  }

  private options: ServingPolicyOptions = {};
  private lastFindings: readonly Finding[] = [];

  private constructor(private readonly chart: Chart) {
    chart.node.addValidation({ validate: () => this.validate() });
  }

  /** Change the settings (they apply at synthesis). */
  public configure(options: ServingPolicyOptions): this {
    this.options = { ...this.options, ...options };
    return this;
  }

  /** Findings on the library's objects at the last synthesis, waived ones included. */
  public get findings(): readonly Finding[] {
    return this.lastFindings;
  }

  /** Run the checks; one message per blocking finding (the construct validation contract). */
  public validate(): string[] {
    if (this.options.enforce === false) return [];
    const all = this.chart.node.findAll().filter(ApiObject.isApiObject);
    const ours = new Set((SCOPES.get(this) ?? []).flatMap(s => s.node.findAll().filter(ApiObject.isApiObject)));
    const json = new Map(all.map(o => [o, o.toJson()] as const));
    const keys = new Set([...ours].map(o => identity(json.get(o))));
    // cdk8s validates the whole app again for every chart it synthesizes (App._synthChart), so the
    // same objects come back once per chart: run the checks only when they or the options changed.
    const input = JSON.stringify([this.options.requireDigest, this.options.external, [...json.values()], [...keys]]);
    if (input !== LAST_INPUT.get(this)) {
      LAST_INPUT.set(this, input);
      this.lastFindings = checkManifests([...json.values()], { requireDigest: this.options.requireDigest, external: this.options.external })
        .filter(f => keys.has(`${f.object.kind}|${f.object.namespace ?? ''}|${f.object.name}`));
    }
    const findings = this.lastFindings;
    return blockingFindings(findings, this.options.failOnWarnings).map(formatFinding);
  }
}

function identity(o: { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } } | undefined): string {
  return `${String(o?.kind ?? '(no kind)')}|${String(o?.metadata?.namespace ?? '')}|${String(o?.metadata?.name ?? '(unnamed)')}`;
}

/** `K01 error Deployment ml/chat spec.template.spec.hostNetwork: hostNetwork is true; fix: … (docs/policy-checks.md#k01)`. */
function formatFinding(f: Finding): string {
  return `${f.id} ${f.severity} ${describeRef(f.object)} ${f.path}${f.container ? ` [${f.container}]` : ''}: ${f.message}; fix: ${f.fix} (${f.docs})`;
}

/** Per policy: the input of its last check run (objects, scope keys, options), serialized. */
const LAST_INPUT = new WeakMap<ServingPolicy, string>();

/** Per policy: the scopes whose objects it checks (the library's constructs), off the public surface. */
const SCOPES = new WeakMap<ServingPolicy, IConstruct[]>();

/** Have the chart's policy check the objects under `scope` (called by the library's constructs). */
export function trackServingScope(scope: IConstruct): void {
  const policy = ServingPolicy.of(Chart.of(scope));
  const scopes = SCOPES.get(policy) ?? [];
  if (!scopes.includes(scope)) scopes.push(scope);
  SCOPES.set(policy, scopes);
}
