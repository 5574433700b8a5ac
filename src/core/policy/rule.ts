import { CheckOptions, Severity } from './finding';
import { allContainers, ContainerRef, Json, Manifest, PodRef } from './manifest';

/** One problem a check found, before the rule's defaults (severity, fix, source) are filled in. */
export interface Problem {
  /** The object, as `Kind namespace/name`. */
  readonly object: string;
  /** The object itself; @default the object among the checked ones that `object` describes */
  readonly owner?: Json;
  /** Field path in the object; @default `metadata.name` (the object as a whole) */
  readonly path?: string;
  /**
   * Field path below the pod (in `perPod`) or the container (in `perContainer`), e.g.
   * `hostNetwork` or `securityContext.privileged`; @default the pod or container itself
   */
  readonly field?: string;
  /** The container, when the problem is in one. */
  readonly container?: string;
  /** What is wrong. */
  readonly message: string;
  /**
   * How to fix it.
   * @default the rule's fix
   */
  readonly fix?: string;
  /**
   * How bad it is.
   * @default the rule's severity
   */
  readonly severity?: Severity;
}

/** What a check returns: how many things it looked at (the "check ran" guard) and what it found. */
export interface CheckResult {
  /** Number of pod specs, containers or objects inspected; 0 means the check did not apply. */
  readonly inspected: number;
  /** The problems found. */
  readonly problems: readonly Problem[];
}

/** Inputs of every check. */
export interface CheckContext {
  /** The objects under check, indexed. */
  readonly manifest: Manifest;
  /** The options `checkManifests` was given. */
  readonly options: CheckOptions;
}

/** One row of the rule table. */
export interface Rule {
  /** Checklist ID (`K01`…`K36`, `M01`…`M13`). */
  readonly id: string;
  /** What it checks, in a few words. */
  readonly title: string;
  /** Default severity of its findings. */
  readonly severity: Severity;
  /** Upstream checks it follows. */
  readonly source: string;
  /** Default fix. */
  readonly fix: string;
  /** @internal The check (run through `checkManifests`; not part of the public catalog). */
  readonly run: (ctx: CheckContext) => CheckResult;
}

/** Extra fields of a problem. */
export type ProblemExtra = Omit<Problem, 'object' | 'message'>;
/** Records a problem of the pod (or container) being inspected. */
export type Add = (message: string, extra?: ProblemExtra) => void;

/** A check run once per pod spec. */
export function perPod(fn: (p: PodRef, add: Add, ctx: CheckContext) => void, applies: (p: PodRef) => boolean = () => true) {
  return (ctx: CheckContext): CheckResult => {
    const problems: Problem[] = [];
    let inspected = 0;
    for (const p of ctx.manifest.pods.filter(applies)) {
      inspected++;
      fn(p, (message, extra) => problems.push({ object: p.object, owner: p.owner, path: subPath(p.path, extra?.field), message, ...extra }), ctx);
    }
    return { inspected, problems };
  };
}

/** A check run once per container (serving and init) of every pod spec. */
export function perContainer(
  fn: (c: ContainerRef, p: PodRef, add: Add, ctx: CheckContext) => void,
  applies: (c: ContainerRef, p: PodRef) => boolean = () => true,
) {
  return (ctx: CheckContext): CheckResult => {
    const problems: Problem[] = [];
    let inspected = 0;
    for (const p of ctx.manifest.pods) {
      for (const c of allContainers(p).filter(x => applies(x, p))) {
        inspected++;
        const add: Add = (message, extra) => problems.push({
          object: p.object, owner: p.owner, path: subPath(c.path, extra?.field), container: c.name, message, ...extra,
        });
        fn(c, p, add, ctx);
      }
    }
    return { inspected, problems };
  };
}

/** `base.field` (or `base` alone). */
export function subPath(base: string, field?: string): string {
  return field ? `${base}.${field}` : base;
}

/** Several checks of one rule, results added together. */
export function combine(...checks: ((ctx: CheckContext) => CheckResult)[]) {
  return (ctx: CheckContext): CheckResult => {
    const results = checks.map(c => c(ctx));
    return { inspected: results.reduce((n, r) => n + r.inspected, 0), problems: results.flatMap(r => r.problems) };
  };
}

/** `securityContext` of a container or pod (empty object when unset). */
export function sc(x: Json): Json {
  return typeof x.securityContext === 'object' && x.securityContext !== null ? x.securityContext : {};
}
