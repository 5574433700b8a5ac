import { ValidationError } from '../errors';
import { CheckOptions, Finding } from './finding';
import { ownerIndex, toFinding } from './locate';
import { isObject, readManifest } from './manifest';
import { RULES } from './rules';

/** Findings plus, per check ID, how many pod specs, containers or objects the check inspected. */
export interface PolicyReport {
  /** One finding per problem. */
  readonly findings: readonly Finding[];
  /** Check ID → items inspected. 0 means the check found nothing it applies to. */
  readonly inspected: Readonly<Record<string, number>>;
}

/**
 * Run every check and report what each inspected (the "check ran" count tests rely on).
 * Objects that are not JSON objects are skipped. Throws a `ValidationError` if `objects` is not an
 * array or `options.ignore` names an unknown check.
 */
export function policyReport(objects: readonly unknown[], given: CheckOptions = {}): PolicyReport {
  // options that are not an object (null included) mean the defaults
  const options: CheckOptions = isObject(given) ? given : {};
  validateInput(objects, options);
  const manifest = readManifest(objects);
  const ignore = new Set(options.ignore ?? []);
  const findings: Finding[] = [];
  const ownerOf = ownerIndex(manifest.objects);
  const inspected: Record<string, number> = {};
  for (const rule of RULES.filter(r => !ignore.has(r.id))) {
    const result = rule.run({ manifest, options });
    inspected[rule.id] = result.inspected;
    for (const p of result.problems) findings.push(toFinding(rule, p, ownerOf(p)));
  }
  return { findings, inspected };
}

/** Name used as the "construct path" in errors about the arguments. */
const CALLER = 'checkManifests';

function validateInput(objects: unknown, options: CheckOptions): void {
  if (!Array.isArray(objects)) {
    throw new ValidationError(CALLER, 'objects', typeof objects, 'is not an array',
      'pass a list of objects, e.g. Testing.synth(chart) or the documents of a parsed YAML file');
  }
  const known = new Set(RULES.map(r => r.id));
  if (options.ignore !== undefined && options.ignore !== null && !Array.isArray(options.ignore)) {
    throw new ValidationError(CALLER, 'options.ignore', typeof options.ignore, 'is not a list', 'pass check IDs as a list, e.g. { ignore: ["K33"] }');
  }
  for (const id of options.ignore ?? []) {
    if (!known.has(id)) {
      throw new ValidationError(CALLER, 'options.ignore', id, 'is not a check ID', `use IDs from docs/policy-checks.md: ${[...known].join(', ')}`);
    }
  }
}

/**
 * Policy checks over any Kubernetes objects, ours or not (e.g. `chart.toJson()` or parsed YAML):
 * Pod Security Standards, linter hygiene, network isolation, and model-serving checks, including
 * the pods inside KServe InferenceServices and ServingRuntimes. Returns one {@link Finding} per
 * problem; an empty list means every check passed.
 */
export function checkManifests(objects: readonly unknown[], options: CheckOptions = {}): Finding[] {
  return [...policyReport(objects, options).findings];
}
