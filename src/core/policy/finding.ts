/**
 * The shapes the policy checks report: one {@link Finding} per problem, and the options
 * {@link checkManifests} accepts.
 */

/** How bad a finding is: `error` for Pod Security Standards, secrets and code-execution risks; `warning` for hygiene. */
export type Severity = 'error' | 'warning';

/** The object a finding is about. */
export interface ObjectRef {
  /** `apiVersion` as written (undefined when the object has none). */
  readonly apiVersion?: string;
  /** `kind` (`(no kind)` when the object has none). */
  readonly kind: string;
  /** `metadata.namespace` (undefined for cluster-scoped or unnamespaced objects). */
  readonly namespace?: string;
  /** `metadata.name` (`(unnamed)` when the object has none). */
  readonly name: string;
}

/** One problem found in the objects. */
export interface Finding {
  /** Check ID from the checklist, e.g. `K05`. */
  readonly id: string;
  /** `error` or `warning`. */
  readonly severity: Severity;
  /** The object the problem is in. {@link describeRef} prints it as `Kind namespace/name`. */
  readonly object: ObjectRef;
  /**
   * Where in the object, as a Kubernetes field path (the notation of API server validation errors and
   * of kubescape's `failedPaths`): `spec.template.spec.containers[0].securityContext.privileged`.
   * A finding about the object as a whole points at `metadata.name`.
   */
  readonly path: string;
  /** The container, when the problem is in one. InferenceService containers are named `component/name`. */
  readonly container?: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** The check's entry in the docs: `docs/policy-checks.md#k05`, relative to the package root. */
  readonly docs: string;
  /** Upstream checks this one follows (PSA check IDs, kube-linter / Polaris / kube-score / kubesec names). */
  readonly source: string;
  /**
   * Set when the object waives this check with an annotation
   * `ignore-check.hf-serving-constructs.io/<ID>: <reason>`: the reason given. Waived findings are
   * reported but fail nothing.
   */
  readonly waived?: string;
}

/** Objects the checked objects may reference although they are not among them (created elsewhere). */
export interface ExternalObjects {
  /**
   * Secret names (`name` for any namespace, or `namespace/name`).
   * @default - none
   */
  readonly secrets?: readonly string[];
  /**
   * ConfigMap names (`name` or `namespace/name`).
   * @default - none
   */
  readonly configMaps?: readonly string[];
  /**
   * PersistentVolumeClaim names (`name` or `namespace/name`).
   * @default - none
   */
  readonly persistentVolumeClaims?: readonly string[];
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
  /**
   * Secrets, ConfigMaps and PersistentVolumeClaims that exist outside the checked objects (K37 does
   * not report references to them). Objects can also declare them with the annotation
   * `external.hf-serving-constructs.io/refs: "Secret/hf-token, PersistentVolumeClaim/model-store"`.
   * @default - none declared
   */
  readonly external?: ExternalObjects;
}

/** `Kind namespace/name`, or `Kind name` when the object has no namespace. */
export function describeRef(o: ObjectRef): string {
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** Findings that fail a run: errors (and warnings when `failOnWarnings`), unless waived. */
export function blockingFindings(findings: readonly Finding[], failOnWarnings = false): Finding[] {
  return findings.filter(f => f.waived === undefined && (f.severity === 'error' || failOnWarnings));
}
