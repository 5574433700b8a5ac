import { describeObject, isObject, Json, namespaceOf } from './manifest';
import { CheckContext, CheckResult, Problem, Rule } from './rule';

/** Workload kinds with a rollout strategy field, and its name. */
const STRATEGY_FIELD: Readonly<Record<string, string>> = { Deployment: 'strategy', StatefulSet: 'updateStrategy', DaemonSet: 'updateStrategy' };
/** Strategy types that replace pods gradually. */
const ROLLING = 'RollingUpdate';

function spreads(template: Json): boolean {
  const spec = isObject(template?.spec) ? template.spec : {};
  const anti = spec.affinity?.podAntiAffinity;
  const hasAnti = isObject(anti)
    && (Array.isArray(anti.requiredDuringSchedulingIgnoredDuringExecution) || Array.isArray(anti.preferredDuringSchedulingIgnoredDuringExecution));
  return hasAnti || (Array.isArray(spec.topologySpreadConstraints) && spec.topologySpreadConstraints.length > 0);
}

/** The most pods a workload runs at its floor: replicas, or the HPA minimum when one scales it. */
function floorPods(objects: readonly Json[], o: Json): number {
  const hpa = objects.find(h => h.kind === 'HorizontalPodAutoscaler' && namespaceOf(h) === namespaceOf(o)
    && h.spec?.scaleTargetRef?.kind === o.kind && h.spec?.scaleTargetRef?.name === o.metadata?.name);
  return hpa ? Number(hpa.spec.minReplicas ?? 1) : Number(o.spec?.replicas ?? 1);
}

function rolloutCheck(ctx: CheckContext): CheckResult {
  const objects = ctx.manifest.objects;
  const problems: Problem[] = [];
  const workloads = objects.filter(o => STRATEGY_FIELD[o.kind] !== undefined && isObject(o.spec));
  for (const o of workloads) {
    const object = describeObject(o);
    const type = o.spec[STRATEGY_FIELD[o.kind]]?.type ?? ROLLING;
    if (type !== ROLLING) problems.push({ object, message: `${STRATEGY_FIELD[o.kind]}.type is ${String(type)}, not ${ROLLING}` });
    if (o.kind !== 'DaemonSet' && floorPods(objects, o) > 1 && !spreads(o.spec.template)) {
      problems.push({ object, message: 'runs more than one pod without pod anti-affinity or topology spread constraints' });
    }
  }
  return { inspected: workloads.length, problems };
}

/** Rollout checks (K33). */
export const ROLLOUT_RULES: readonly Rule[] = [
  {
    id: 'K33', title: 'rolling updates, replicas spread', severity: 'warning',
    source: 'kube-linter no-rolling-update-strategy, no-anti-affinity; kube-score deployment-strategy; Polaris topologySpreadConstraint',
    fix: 'use a RollingUpdate strategy (maxSurge: 0 is fine for GPU pods) and spread replicas with pod anti-affinity or topologySpreadConstraints',
    run: rolloutCheck,
  },
];
