import { PodDisruptionBudget, TopologySpreadConstraint } from './kube';

/**
 * A PodDisruptionBudget that never blocks a node drain: `maxUnavailable: 1` lets a drain evict the
 * only replica (a `minAvailable: 1` budget would block it forever), and `AlwaysAllow` lets pods that
 * are not ready (e.g. still loading a model) be evicted.
 */
export function disruptionBudget(
  name: string, namespace: string, labels: Record<string, string>, podSelector: Record<string, string>,
): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name, namespace, labels },
    spec: {
      maxUnavailable: 1,
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
      selector: { matchLabels: { ...podSelector } },
    },
  };
}

/**
 * Spread replicas over nodes and zones when there can be more than one. `ScheduleAnyway`: GPUs are
 * scarce, and a replica packed next to another beats a replica that stays Pending.
 */
export function topologySpread(maxReplicas: number, podSelector: Record<string, string>): TopologySpreadConstraint[] {
  if (maxReplicas <= 1) return [];
  return ['kubernetes.io/hostname', 'topology.kubernetes.io/zone'].map(topologyKey => ({
    maxSkew: 1,
    topologyKey,
    whenUnsatisfiable: 'ScheduleAnyway',
    labelSelector: { matchLabels: { ...podSelector } },
  }));
}
