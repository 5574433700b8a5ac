/**
 * The policy engine's public functions, loading the engine (every rule module) on first use: an
 * entry point that re-exports them (`hf-serving-constructs`, `/pulumi`, `/core`) does not pay for
 * the rules until a check runs, at synthesis or when the user calls one.
 */
import type { PolicyReport } from './check';
import type { CheckOptions, Finding } from './finding';
import type { Rule } from './rule';

type Engine = typeof import('./check') & typeof import('./rules');
let engine: Engine | undefined;

/** The engine modules, required once. */
function load(): Engine {
  /* eslint-disable @typescript-eslint/no-require-imports -- deliberate deferred load of the rule modules */
  engine ??= { ...(require('./check') as typeof import('./check')), ...(require('./rules') as typeof import('./rules')) };
  /* eslint-enable @typescript-eslint/no-require-imports */
  return engine;
}

/**
 * Policy checks over any Kubernetes objects, ours or not (e.g. `chart.toJson()` or parsed YAML):
 * Pod Security Standards, linter hygiene, network isolation, and model-serving checks, including
 * the pods inside KServe InferenceServices and ServingRuntimes. Returns one {@link Finding} per
 * problem; an empty list means every check passed.
 */
export function checkManifests(objects: readonly unknown[], options: CheckOptions = {}): Finding[] {
  return load().checkManifests(objects, options);
}

/**
 * Run every check and report what each inspected (the "check ran" count tests rely on).
 * Objects that are not JSON objects are skipped. Throws a `ValidationError` if `objects` is not an
 * array or `options.ignore` names an unknown check.
 */
export function policyReport(objects: readonly unknown[], options: CheckOptions = {}): PolicyReport {
  return load().policyReport(objects, options);
}

/**
 * Every check, by checklist ID (see docs/policy-checks.md). Read on first access, which loads the
 * engine.
 */
export declare const RULES: readonly Rule[];
Object.defineProperty(exports, 'RULES', { enumerable: true, get: () => load().RULES });
