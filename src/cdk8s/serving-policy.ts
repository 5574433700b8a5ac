import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { blockingFindings, checkManifests, describeRef, ExternalObjects, Finding, RULES } from '../core/policy';
import { WAIVER_ANNOTATION_PREFIX } from '../core/policy/waivers';
import { escapeHatchChanges } from './owned-object';

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
    const scopes = new Set(SCOPES.get(this) ?? []);
    const ours = new Set(all.filter(o => under(o, scopes)));
    // cdk8s validates the whole app again for every chart it synthesizes (App._synthChart), so the
    // same objects come back once per chart: run the checks only when the chart's state changed.
    const json = new Map<ApiObject, unknown>();
    const options = JSON.stringify([this.options.requireDigest, this.options.external]);
    const state = `${options}\n${all.map(o => stateOf(o, ours.has(o), json)).join('\n')}`;
    if (state !== LAST_STATE.get(this)) {
      LAST_STATE.set(this, state);
      const manifests = all.map(o => (json.has(o) ? json.get(o) : o.toJson()) as Record<string, unknown>);
      const keys = new Set(manifests.filter((_, n) => ours.has(all[n])).map(identity));
      this.lastFindings = checkManifests(manifests, { requireDigest: this.options.requireDigest, external: this.options.external })
        .filter(f => keys.has(`${f.object.kind}|${f.object.namespace ?? ''}|${f.object.name}`));
    }
    return blockingFindings(this.lastFindings, this.options.failOnWarnings).map(formatFinding);
  }
}

/**
 * What an object's manifest depends on, cheaply for the library's objects: their props are a private
 * copy nobody else holds, so only the escape hatches change them, and those count their calls (see
 * `ownedApiObject`). Other objects (cdk8s-plus builds its manifests lazily) are serialized, kept in `json`.
 */
function stateOf(o: ApiObject, ours: boolean, json: Map<ApiObject, unknown>): string {
  const changes = escapeHatchChanges(o);
  if (ours && changes !== undefined) return `${serial(o)} ${changes}`;
  const manifest = o.toJson();
  json.set(o, manifest);
  return `${serial(o)} ${JSON.stringify(manifest)}`;
}

/** Is the construct one of the scopes or below one? */
function under(c: IConstruct, scopes: ReadonlySet<IConstruct>): boolean {
  for (let at: IConstruct | undefined = c; at !== undefined; at = at.node.scope) if (scopes.has(at)) return true;
  return false;
}

/** A number per ApiObject, so a removed object and a new one at the same path differ. */
function serial(o: ApiObject): number {
  let n = SERIALS.get(o);
  if (n === undefined) {
    n = nextSerial++;
    SERIALS.set(o, n);
  }
  return n;
}
const SERIALS = new WeakMap<ApiObject, number>();
let nextSerial = 0;

function identity(o: { kind?: unknown; metadata?: { namespace?: unknown; name?: unknown } } | undefined): string {
  return `${String(o?.kind ?? '(no kind)')}|${String(o?.metadata?.namespace ?? '')}|${String(o?.metadata?.name ?? '(unnamed)')}`;
}

/** `K01 error Deployment ml/chat spec.template.spec.hostNetwork: hostNetwork is true; fix: … (docs/policy-checks.md#k01)`. */
function formatFinding(f: Finding): string {
  return `${f.id} ${f.severity} ${describeRef(f.object)} ${f.path}${f.container ? ` [${f.container}]` : ''}: ${f.message}; fix: ${f.fix} (${f.docs})`;
}

/** Per policy: the state of its chart at its last check run (see `stateOf`), serialized. */
const LAST_STATE = new WeakMap<ServingPolicy, string>();

/** Per policy: the scopes whose objects it checks (the library's constructs), off the public surface. */
const SCOPES = new WeakMap<ServingPolicy, IConstruct[]>();

/** Have the chart's policy check the objects under `scope` (called by the library's constructs). */
export function trackServingScope(scope: IConstruct): void {
  const policy = ServingPolicy.of(Chart.of(scope));
  const scopes = SCOPES.get(policy) ?? [];
  if (!scopes.includes(scope)) scopes.push(scope);
  SCOPES.set(policy, scopes);
}
