import { describeObject, isObject, Json, namespaceOf, PodRef, selectedPods } from './manifest';
import { CheckContext, CheckResult, combine, Problem, Rule } from './rule';

/** Kinds an HPA may scale whose replica count we can read. */
const SCALABLE = new Set(['Deployment', 'StatefulSet', 'ReplicaSet']);

function hpasTargeting(objects: readonly Json[], target: Json): Json[] {
  return objects.filter(h => h.kind === 'HorizontalPodAutoscaler' && namespaceOf(h) === namespaceOf(target)
    && h.spec?.scaleTargetRef?.kind === target.kind && h.spec?.scaleTargetRef?.name === target.metadata?.name);
}

/** The fewest pods a workload runs: HPA minimum if scaled, else replicas (default 1). */
function minimumPods(objects: readonly Json[], p: PodRef): number {
  const o = p.owner;
  if (o.kind === 'InferenceService') return Number(p.pod.minReplicas ?? 1);
  const hpas = hpasTargeting(objects, o);
  if (hpas.length > 0) return Math.min(...hpas.map(h => Number(h.spec.minReplicas ?? 1)));
  return Number(o.spec?.replicas ?? 1);
}

function hpaCheck(ctx: CheckContext): CheckResult {
  const objects = ctx.manifest.objects;
  const problems: Problem[] = [];
  const hpas = objects.filter(o => o.kind === 'HorizontalPodAutoscaler' && isObject(o.spec));
  for (const h of hpas) {
    const object = describeObject(h);
    const ref = h.spec.scaleTargetRef ?? {};
    const target = objects.find(o => o.kind === ref.kind && o.metadata?.name === ref.name && namespaceOf(o) === namespaceOf(h));
    if (!target) {
      const message = `scaleTargetRef ${String(ref.kind)} ${String(ref.name)} is not among the objects`;
      problems.push({ object, path: 'spec.scaleTargetRef.name', message });
    }
    else if (SCALABLE.has(target.kind) && target.spec?.replicas !== undefined) {
      problems.push({ object: describeObject(target), owner: target, path: 'spec.replicas', message: 'sets spec.replicas although an HPA scales it',
        fix: 'omit spec.replicas so a re-apply does not reset the HPA' });
    }
    const min = Number(h.spec.minReplicas ?? 1);
    const max = Number(h.spec.maxReplicas);
    if (!(min >= 1)) problems.push({ object, path: 'spec.minReplicas', message: `minReplicas ${min} is below 1` });
    if (!(max > min)) {
      problems.push({ object, path: 'spec.maxReplicas', message: `maxReplicas ${String(h.spec.maxReplicas)} is not above minReplicas ${min}` });
    }
    if (min < 2) {
      const fix = 'use minReplicas ≥ 2 where capacity allows';
      problems.push({ object, path: 'spec.minReplicas', message: `minReplicas ${min} leaves no redundancy`, fix });
    }
  }
  return { inspected: hpas.length, problems };
}

/**
 * KEDA ScaledObjects: the target (kind defaults to Deployment) must be among the objects and omit
 * `spec.replicas`; maxReplicaCount (default 100) must exceed minReplicaCount (default 0). Scaling to
 * zero is KEDA's purpose, so a low minimum is not flagged. Defaults: kedacore/keda
 * controllers/keda/hpa.go (`defaultHPAMaxReplicas = 100`) and the ScaledObject specification
 * (`minReplicaCount` optional, default 0; `scaleTargetRef.kind` default Deployment).
 */
function scaledObjectCheck(ctx: CheckContext): CheckResult {
  const objects = ctx.manifest.objects;
  const problems: Problem[] = [];
  const scaled = objects.filter(o => o.kind === 'ScaledObject' && isObject(o.spec));
  for (const so of scaled) {
    const object = describeObject(so);
    const ref = isObject(so.spec.scaleTargetRef) ? so.spec.scaleTargetRef : {};
    const kind = String(ref.kind ?? 'Deployment');
    const target = objects.find(o => o.kind === kind && o.metadata?.name === ref.name && namespaceOf(o) === namespaceOf(so));
    if (!target) {
      problems.push({ object, path: 'spec.scaleTargetRef.name', message: `scaleTargetRef ${kind} ${String(ref.name)} is not among the objects` });
    }
    else if (SCALABLE.has(target.kind) && target.spec?.replicas !== undefined) {
      problems.push({
        object: describeObject(target), owner: target, path: 'spec.replicas', message: 'sets spec.replicas although a KEDA ScaledObject scales it',
        fix: 'omit spec.replicas so a re-apply does not reset the autoscaler',
      });
    }
    const min = Number(so.spec.minReplicaCount ?? 0);
    const max = Number(so.spec.maxReplicaCount ?? 100);
    if (!(max > min)) problems.push({ object, path: 'spec.maxReplicaCount', message: `maxReplicaCount ${max} is not above minReplicaCount ${min}` });
  }
  return { inspected: scaled.length, problems };
}

function percent(v: unknown): number | undefined {
  return typeof v === 'string' && v.endsWith('%') ? Number(v.slice(0, -1)) : undefined;
}

function pdbCheck(ctx: CheckContext): CheckResult {
  const m = ctx.manifest;
  const problems: Problem[] = [];
  const pdbs = m.objects.filter(o => o.kind === 'PodDisruptionBudget' && isObject(o.spec));
  for (const pdb of pdbs) {
    const object = describeObject(pdb);
    const s = pdb.spec;
    const pods = selectedPods(m, namespaceOf(pdb), s.selector ?? {});
    if (pods.length === 0) problems.push({ object, message: 'selector matches no pod template among the objects' });
    if (s.maxUnavailable !== undefined && (Number(s.maxUnavailable) === 0 || percent(s.maxUnavailable) === 0)) problems.push({ object,
      message: `maxUnavailable ${String(s.maxUnavailable)} blocks every eviction` });
    if (s.minAvailable !== undefined) {
      const pc = percent(s.minAvailable);
      if (pc !== undefined && pc >= 100) problems.push({ object, message: `minAvailable ${String(s.minAvailable)} blocks every eviction` });
      if (pc === undefined && pods.length > 0) {
        const fewest = Math.min(...pods.map(p => minimumPods(m.objects, p)));
        if (Number(s.minAvailable) >= fewest) problems.push({ object,
          message: `minAvailable ${String(s.minAvailable)} is not below the ${fewest} pod(s) the workload may run` });
      }
    }
    if (s.unhealthyPodEvictionPolicy !== 'AlwaysAllow') problems.push({ object, message: 'unhealthyPodEvictionPolicy is not AlwaysAllow' });
  }
  return { inspected: pdbs.length, problems };
}

/** Checks of HorizontalPodAutoscalers and PodDisruptionBudgets. */
export const SCALING_RULES: readonly Rule[] = [
  {
    id: 'K31', title: 'HPA or ScaledObject targets an emitted workload that omits replicas', severity: 'warning',
    source: 'Polaris hpaMinAvailability/hpaMaxAvailability; kube-linter dangling-horizontalpodautoscaler; kube-score ' +
      'horizontalpodautoscaler-has-target, horizontalpodautoscaler-replicas, deployment-targeted-by-hpa-does-not-have-replicas-configured; ' +
      'KEDA ScaledObject scaleTargetRef, minReplicaCount, maxReplicaCount',
    fix: 'point scaleTargetRef at an emitted workload, keep 1 ≤ minReplicas < maxReplicas and omit the target\'s spec.replicas',
    run: combine(hpaCheck, scaledObjectCheck),
  },
  {
    id: 'K32', title: 'PDB allows disruption', severity: 'warning',
    source: 'kube-linter pdb-max-unavailable, pdb-min-available, pdb-unhealthy-pod-eviction-policy; Polaris pdbDisruptionsIsZero, ' +
      'pdbMinAvailableGreaterThanHPAMinReplicas; kube-score poddisruptionbudget-has-policy',
    fix: 'let at least one pod be evicted (maxUnavailable ≥ 1 or minAvailable below the replica count) and set unhealthyPodEvictionPolicy: ' +
      'AlwaysAllow',
    run: pdbCheck,
  },
];
