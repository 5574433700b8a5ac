/**
 * The shapes the policy checks report: one {@link Finding} per problem, and the options
 * {@link checkManifests} accepts.
 */

/** How bad a finding is: `error` for Pod Security Standards, secrets and code-execution risks; `warning` for hygiene. */
export type Severity = 'error' | 'warning';

/** One problem found in the objects. */
export interface Finding {
  /** Check ID from the checklist, e.g. `K05`. */
  readonly id: string;
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** The object, as `Kind namespace/name` (or `Kind name` when it has no namespace). */
  readonly object: string;
  /** The container, when the problem is in one. InferenceService containers are named `component/name`. */
  readonly container?: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Upstream checks this one follows (PSA check IDs, kube-linter / Polaris / kube-score / kubesec names). */
  readonly source: string;
}

/** Options of {@link checkManifests}. */
export interface CheckOptions {
  /**
   * Check IDs to waive, e.g. `['K07', 'M08']`. A waived check does not run and reports nothing.
   * @default - no check is waived
   */
  readonly ignore?: readonly string[];
  /**
   * Strict image pinning: K19 also requires an `@sha256:` digest on every image.
   * @default false
   */
  readonly requireDigest?: boolean;
}
