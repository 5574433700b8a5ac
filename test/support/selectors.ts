import { KubeObject } from '../../src/core/kube';

/** A Kubernetes label selector (matchLabels and matchExpressions). */
export interface LabelSelector {
  readonly matchLabels?: Record<string, string>;
  readonly matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** True if `labels` satisfy `selector` (Kubernetes semantics; an empty selector matches everything). */
export function selects(selector: LabelSelector | Record<string, string>, labels: Record<string, string>): boolean {
  const sel: LabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector ? selector as LabelSelector : { matchLabels: selector as Record<string, string> };
  const byLabels = Object.entries(sel.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpr = (sel.matchExpressions ?? []).every(e => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In': return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn': return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists': return has;
      case 'DoesNotExist': return !has;
      default: throw new Error(`unknown operator ${e.operator}`);
    }
  });
  return byLabels && byExpr;
}

/**
 * Labels the pods of a workload carry: a Deployment's template labels; an InferenceService
 * predictor's `labels` plus what KServe adds (`serving.kserve.io/inferenceservice=<name>`, `component=predictor`).
 */
export function podLabelsOf(workload: KubeObject): Record<string, string> {
  const w = workload as any;
  if (w.kind === 'Deployment' || w.kind === 'Job') return { ...w.spec.template.metadata.labels };
  if (w.kind === 'InferenceService') {
    return { ...(w.spec.predictor.labels ?? {}), 'serving.kserve.io/inferenceservice': w.metadata.name, 'component': 'predictor' };
  }
  throw new Error(`no pods in ${w.kind}`);
}

/** The selector of an object that selects pods (Service, NetworkPolicy, PDB, PodMonitor, ServiceMonitor). */
export function podSelectorOf(obj: KubeObject): LabelSelector {
  const o = obj as any;
  switch (o.kind) {
    case 'Service': return { matchLabels: o.spec.selector };
    case 'NetworkPolicy': return o.spec.podSelector;
    case 'PodDisruptionBudget':
    case 'PodMonitor':
    case 'ServiceMonitor': return o.spec.selector;
    default: throw new Error(`${o.kind} selects no pods`);
  }
}

/** A toleration tolerates a taint (Kubernetes semantics). */
export function tolerates(tolerations: any[] | undefined, taint: { key: string; value?: string; effect: string }): boolean {
  return (tolerations ?? []).some(t => (t.effect === undefined || t.effect === taint.effect)
    && (t.operator === 'Exists' ? (t.key === undefined || t.key === taint.key) : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')));
}
