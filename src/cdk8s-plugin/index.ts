/**
 * The policy checks as a cdk8s CLI validation plugin (`validations:` in `cdk8s.yaml`): `cdk8s synth`
 * hands the plugin the synthesized manifests; the plugin reports each finding as a violation and
 * fails the report on blocking findings (errors; warnings too with `failOnWarnings`). The plugin
 * manager loads a local plugin from a path that starts with `./` (nothing is downloaded) and
 * instantiates the exported class with the `properties` of the entry:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/hf-serving-constructs/lib/cdk8s-plugin
 *     version: 0.1.0
 *     class: HfServingValidation
 *     properties: { failOnWarnings: false, external: ["Secret/hf-token"] }
 * ```
 *
 * Loads neither cdk8s nor the cdk8s CLI: the context types below are the fields the plugin uses, after
 * cdk8s-team/cdk8s-cli 2.207.60 src/plugins/validation.ts (`Validation`, `ValidationContext`,
 * `ValidationViolation`) and src/plugins/_manager.ts (a `package` that is absolute or starts with `./`
 * is required from that path; npm names are installed from the registry). The plugin test loads it
 * through the installed CLI's own `ValidationPlugin.load`.
 */
import { readFileSync } from 'fs';
import { locate } from '../cli/hf-serving-check';
import { parseStream } from '../cli/inputs';
import { LocatedFinding, summarize } from '../cli/report';
import { blockingFindings, ExternalObjects, RULES } from '../core/policy';

/** One violating resource, as the cdk8s CLI report takes it. */
export interface ValidationViolatingResource {
  readonly resourceName: string;
  readonly locations: string[];
  readonly manifestPath: string;
}

/** One violation, as the cdk8s CLI report takes it. */
export interface ValidationViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingResources: ValidationViolatingResource[];
}

/** The part of the cdk8s CLI's `ValidationContext` the plugin uses. */
export interface ValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: string[];
  readonly report: {
    addViolation(violation: ValidationViolation): void;
    submit(status: 'success' | 'failure', metadata?: { [key: string]: string }): void;
  };
  readonly logger: { log(message: string): void };
}

/** The `properties` of the `validations:` entry. */
export interface HfServingValidationProps {
  /**
   * Fail the report on warnings too.
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * Objects created outside the app, as `Secret/NAME`, `ConfigMap/NAME` or `PersistentVolumeClaim/NAME`.
   * @default - none
   */
  readonly external?: readonly string[];
  /**
   * K19 also requires `@sha256:` digests.
   * @default false
   */
  readonly requireDigest?: boolean;
}

const EXTERNAL_KEYS: Readonly<Record<string, keyof ExternalObjects>> = {
  Secret: 'secrets', ConfigMap: 'configMaps', PersistentVolumeClaim: 'persistentVolumeClaims',
};

/** `['Secret/a', 'PersistentVolumeClaim/b']` → `{ secrets: ['a'], persistentVolumeClaims: ['b'] }`. */
export function externalObjects(refs: readonly string[]): ExternalObjects {
  const out: Record<string, string[]> = {};
  for (const ref of refs) {
    const slash = ref.indexOf('/');
    const key = EXTERNAL_KEYS[ref.slice(0, slash)];
    if (slash < 0 || !key) {
      throw new Error(`hf-serving-constructs validation plugin: external "${ref}" is not Secret/NAME, ConfigMap/NAME or PersistentVolumeClaim/NAME`);
    }
    (out[key] ??= []).push(ref.slice(slash + 1));
  }
  return out;
}

/** The cdk8s CLI validation plugin running the hf-serving-constructs policy checks. */
export class HfServingValidation {
  constructor(private readonly props: HfServingValidationProps = {}) {}

  /** Check every manifest together, report findings as violations, submit the verdict. */
  public async validate(context: ValidationContext): Promise<void> {
    const objects = context.manifests.flatMap(f => parseStream(readFileSync(f, 'utf8'), f));
    const findings = locate(objects, { external: externalObjects(this.props.external ?? []), requireDigest: this.props.requireDigest });
    for (const v of violations(findings.filter(f => f.waived === undefined))) context.report.addViolation(v);
    const s = summarize(findings);
    const blocking = blockingFindings(findings, this.props.failOnWarnings);
    context.logger.log(`hf-serving-constructs: ${s.errors} error(s), ${s.warnings} warning(s), ${s.waived} waived over ${objects.length} object(s)`);
    context.report.submit(blocking.length > 0 ? 'failure' : 'success', {
      errors: String(s.errors), warnings: String(s.warnings), waived: String(s.waived),
    });
  }
}

/** Findings grouped by check and message, one violating resource per object. */
function violations(findings: readonly LocatedFinding[]): ValidationViolation[] {
  const titles = new Map(RULES.map(r => [r.id, r.title]));
  const groups = new Map<string, { first: LocatedFinding; resources: Map<string, ValidationViolatingResource> }>();
  for (const f of findings) {
    const key = `${f.id}|${f.severity}|${f.message}`;
    const g = groups.get(key) ?? { first: f, resources: new Map() };
    groups.set(key, g);
    const rkey = `${f.file}|${f.object.kind}|${f.object.namespace ?? ''}|${f.object.name}`;
    const res = g.resources.get(rkey) ?? { resourceName: f.object.name, locations: [], manifestPath: f.file };
    res.locations.push(`${f.object.kind} ${f.path}${f.container ? ` [${f.container}]` : ''} (line ${f.line})`);
    g.resources.set(rkey, res);
  }
  return [...groups.values()].map(({ first: f, resources }) => ({
    ruleName: `${f.id} ${titles.get(f.id) ?? ''} (${f.severity})`,
    recommendation: f.message,
    fix: `${f.fix} (hf-serving-constructs ${f.docs})`,
    violatingResources: [...resources.values()],
  }));
}
