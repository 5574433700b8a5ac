import { ValidationError } from './errors';
import { KubeObject } from './kube';
import type { NodePool, NodeRequirement } from './crds/karpenter';
import { isDnsLabel } from './labels';
import { GPU_RESOURCE, IGpuNodePool, Taint, Toleration, tolerationFor } from './scheduling';
import { INT32_MAX } from './shapes';

/**
 * GPU types a `GpuNodePool` can ask Karpenter for, by the value of Karpenter's well-known node label
 * `karpenter.k8s.aws/instance-gpu-name` (lower-case GPU name, e.g. `t4`, `a10g`, `l40s`). `mig` marks
 * GPUs that can be partitioned with MIG.
 */
export const GPU_TYPES: Readonly<Record<string, { readonly gpuName: string; readonly mig: boolean }>> = {
  'nvidia-t4': { gpuName: 't4', mig: false },
  'nvidia-a10g': { gpuName: 'a10g', mig: false },
  'nvidia-l4': { gpuName: 'l4', mig: false },
  'nvidia-l40s': { gpuName: 'l40s', mig: false },
  'nvidia-a100': { gpuName: 'a100', mig: true },
  'nvidia-h100': { gpuName: 'h100', mig: true },
};

/** Karpenter's well-known node labels the pool uses. */
export const KARPENTER_LABELS = {
  /** Set by Karpenter on every node it launches for a NodePool. */
  nodePool: 'karpenter.sh/nodepool',
  /** `on-demand`, `spot` (and `reserved`). */
  capacityType: 'karpenter.sh/capacity-type',
  /** Lower-case GPU name of the instance (AWS provider). */
  gpuName: 'karpenter.k8s.aws/instance-gpu-name',
  /** GPU manufacturer of the instance (AWS provider). */
  gpuManufacturer: 'karpenter.k8s.aws/instance-gpu-manufacturer',
  /** Number of GPUs of the instance (AWS provider). */
  gpuCount: 'karpenter.k8s.aws/instance-gpu-count',
} as const;

/** The taint every GPU node of a `GpuNodePool` carries; only pods that tolerate it land there. */
export const GPU_TAINT: Taint = { key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' };

/** Reference to a Karpenter node class (cloud-specific settings: image, subnets, disks). */
export interface NodeClassRef {
  /** API group, e.g. `karpenter.k8s.aws`. */
  readonly group: string;
  /** Kind, e.g. `EC2NodeClass`. */
  readonly kind: string;
  /** Name of the node class. */
  readonly name: string;
}

/** Defaults of `GpuNodePool`, in one place. */
export const GPU_NODE_POOL_DEFAULTS = {
  /** The AWS provider's node class named `default`. */
  nodeClass: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' } as NodeClassRef,
  /** On-demand only: a spot reclaim throws away a model load that can take many minutes. */
  capacityTypes: ['on-demand'] as readonly string[],
  /** Wait this long after a node empties before removing it (a new pod would reload the model). */
  consolidateAfter: '30m',
  /** Karpenter disrupts at most this many nodes of the pool at a time. */
  disruptionBudgetNodes: '1',
} as const;

/** Props of `GpuNodePool`. */
export interface GpuNodePoolProps {
  /** GPU type, a key of `GPU_TYPES` (e.g. `nvidia-l4`). */
  readonly gpuType: string;
  /** Most GPUs the pool may hold in total (Karpenter `limits`), a cost ceiling. */
  readonly maxGpus: number;
  /**
   * GPUs per node (`karpenter.k8s.aws/instance-gpu-count`). Also the most GPUs one pod can ask for.
   * @default - any instance size with this GPU
   */
  readonly gpusPerNode?: number;
  /**
   * Serve from MIG instances of this profile (e.g. `1g.10gb`) instead of whole GPUs: pods request
   * `nvidia.com/mig-<profile>`. Needs a MIG-capable GPU type and nodes partitioned by the NVIDIA GPU
   * operator (configured outside this pool).
   * @default - whole GPUs (`nvidia.com/gpu`)
   */
  readonly migProfile?: string;
  /**
   * Karpenter capacity types (`on-demand`, `spot`).
   * @default ['on-demand']
   */
  readonly capacityTypes?: readonly ('on-demand' | 'spot')[];
  /**
   * The node class the nodes are built from.
   * @default { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass', name: 'default' }
   */
  readonly nodeClass?: NodeClassRef;
  /**
   * How long an empty node stays before Karpenter removes it (Karpenter duration, e.g. `30m`).
   * @default '30m'
   */
  readonly consolidateAfter?: string;
}

/** A rendered node pool: its objects and the placement handle predictors use. */
export interface RenderedGpuNodePool {
  /** The NodePool. */
  readonly objects: KubeObject[];
  /** Placement handle for predictors. */
  readonly pool: IGpuNodePool;
  /** Taints of the pool's nodes. */
  readonly taints: readonly Taint[];
}

const MIG_PROFILE = /^[1-9][0-9]*g\.[1-9][0-9]*gb$/;
const DURATION = /^([0-9]+(s|m|h))+$/;

/**
 * Render a Karpenter `NodePool` (`karpenter.sh/v1`) for GPU capacity. Disruption suits long model
 * loads: only empty nodes are consolidated (`WhenEmpty`), after `consolidateAfter`, one node at a time.
 */
export function renderGpuNodePool(props: GpuNodePoolProps, ctx: { path: string; name: string }): RenderedGpuNodePool {
  const { path, name } = ctx;
  if (!isDnsLabel(name)) {
    throw new ValidationError(path, 'name', name, 'is not a DNS-1035 label', 'use lower-case letters, digits and "-", starting with a letter');
  }
  const type = GPU_TYPES[props.gpuType];
  if (!type) {
    throw new ValidationError(path, 'gpuType', props.gpuType, 'is not a known GPU type', `use one of ${Object.keys(GPU_TYPES).join(', ')}`);
  }
  if (!Number.isInteger(props.maxGpus) || props.maxGpus < 1 || props.maxGpus > INT32_MAX) {
    throw new ValidationError(path, 'maxGpus', props.maxGpus, 'is not a whole number ≥ 1', 'give the most GPUs the pool may hold, e.g. 16');
  }
  const perNode = props.gpusPerNode;
  if (perNode !== undefined && (!Number.isInteger(perNode) || perNode < 1 || perNode > props.maxGpus)) {
    throw new ValidationError(path, 'gpusPerNode', perNode, `is not a whole number from 1 to maxGpus (${props.maxGpus})`,
      'give the GPU count of one instance, e.g. 1, 4 or 8');
  }
  if (props.migProfile !== undefined) {
    if (!MIG_PROFILE.test(props.migProfile)) {
      throw new ValidationError(path, 'migProfile', props.migProfile, 'is not a MIG profile', 'give a profile such as "1g.10gb" or "3g.40gb"');
    }
    if (!type.mig) {
      throw new ValidationError(path, 'migProfile', props.migProfile, `needs a MIG-capable GPU, and ${props.gpuType} is not one`,
        `use gpuType ${Object.keys(GPU_TYPES).filter(k => GPU_TYPES[k].mig).join(' or ')}, or drop migProfile`);
    }
  }
  const capacityTypes = props.capacityTypes ?? GPU_NODE_POOL_DEFAULTS.capacityTypes;
  if (capacityTypes.length === 0 || capacityTypes.some(c => c !== 'on-demand' && c !== 'spot')) {
    throw new ValidationError(path, 'capacityTypes', capacityTypes, 'is not a non-empty list of "on-demand"/"spot"',
      'use ["on-demand"] or ["on-demand", "spot"]');
  }
  const consolidateAfter = props.consolidateAfter ?? GPU_NODE_POOL_DEFAULTS.consolidateAfter;
  if (!DURATION.test(consolidateAfter)) {
    throw new ValidationError(path, 'consolidateAfter', consolidateAfter, 'is not a Karpenter duration', 'give e.g. "30m" or "1h"');
  }
  const nodeClass = props.nodeClass ?? GPU_NODE_POOL_DEFAULTS.nodeClass;
  if (!nodeClass.group || !nodeClass.kind || !nodeClass.name || nodeClass.group.includes('/')) {
    throw new ValidationError(path, 'nodeClass', nodeClass, 'is not a node class reference',
      'give { group, kind, name }, e.g. { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "gpu" }');
  }

  const requirements: NodeRequirement[] = [
    { key: KARPENTER_LABELS.gpuManufacturer, operator: 'In', values: ['nvidia'] },
    { key: KARPENTER_LABELS.gpuName, operator: 'In', values: [type.gpuName] },
    ...(perNode !== undefined ? [{ key: KARPENTER_LABELS.gpuCount, operator: 'In' as const, values: [String(perNode)] }] : []),
    { key: KARPENTER_LABELS.capacityType, operator: 'In', values: [...capacityTypes] },
  ];
  const taints = [GPU_TAINT];
  const nodePool: NodePool = {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name, labels: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'hf-serving',
      'app.kubernetes.io/managed-by': 'hf-serving-constructs' } },
    spec: {
      template: {
        spec: {
          nodeClassRef: { ...nodeClass },
          requirements,
          taints: taints.map(t => ({ ...t })),
        },
      },
      limits: { [GPU_RESOURCE]: String(props.maxGpus) },
      disruption: {
        consolidationPolicy: 'WhenEmpty',
        consolidateAfter,
        budgets: [{ nodes: GPU_NODE_POOL_DEFAULTS.disruptionBudgetNodes }],
      },
    },
  };
  const pool: IGpuNodePool = {
    nodeSelector: { [KARPENTER_LABELS.nodePool]: name, [KARPENTER_LABELS.gpuName]: type.gpuName },
    tolerations: taints.map(tolerationFor),
    ...(props.migProfile ? { gpuResource: `nvidia.com/mig-${props.migProfile}` } : {}),
    ...(perNode !== undefined ? { maxGpusPerNode: perNode } : {}),
  };
  return { objects: [nodePool], pool, taints };
}

/** Options of `GpuNodePool.fromExisting`. */
export interface ExistingGpuNodePoolOptions {
  /** Labels that identify the pool's nodes (e.g. `{ 'cloud.google.com/gke-nodepool': 'l4-pool' }`). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /**
   * Taints of the pool's nodes; pods get exactly the matching tolerations.
   * @default - no taints
   */
  readonly taints?: readonly Taint[];
  /**
   * MIG profile the nodes expose (`nvidia.com/mig-<profile>` is requested instead of `nvidia.com/gpu`).
   * @default - whole GPUs
   */
  readonly migProfile?: string;
  /**
   * GPUs per node, when known; pods asking for more are refused.
   * @default - not checked
   */
  readonly gpusPerNode?: number;
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** An `IGpuNodePool` for capacity made elsewhere (GKE node pool, EKS managed node group, on-prem). */
export function existingGpuNodePool(o: ExistingGpuNodePoolOptions, path = 'GpuNodePool.fromExisting'): IGpuNodePool {
  const entries = Object.entries(o.nodeSelector ?? {});
  if (entries.length === 0) {
    throw new ValidationError(path, 'nodeSelector', o.nodeSelector, 'is empty, so pods could land on any node',
      'give the labels of the pool\'s nodes, e.g. { "cloud.google.com/gke-nodepool": "l4-pool" }');
  }
  for (const [k, v] of entries) {
    if (typeof v !== 'string' || !/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(k)) {
      throw new ValidationError(path, `nodeSelector.${k}`, v, 'is not a label key and string value',
        'use label keys such as "node.kubernetes.io/instance-type"');
    }
  }
  (o.taints ?? []).forEach((t, i) => {
    if (!t.key || !EFFECTS.includes(t.effect)) {
      throw new ValidationError(path, `taints[${i}]`, t, 'is not a taint',
        'give { key, value?, effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute" }');
    }
  });
  if (o.migProfile !== undefined && !MIG_PROFILE.test(o.migProfile)) {
    throw new ValidationError(path, 'migProfile', o.migProfile, 'is not a MIG profile', 'give a profile such as "1g.10gb"');
  }
  if (o.gpusPerNode !== undefined && (!Number.isInteger(o.gpusPerNode) || o.gpusPerNode < 1)) {
    throw new ValidationError(path, 'gpusPerNode', o.gpusPerNode, 'is not a whole number ≥ 1', 'give the GPU count of one node');
  }
  const tolerations: Toleration[] = (o.taints ?? []).map(tolerationFor);
  return {
    nodeSelector: { ...o.nodeSelector },
    tolerations,
    ...(o.migProfile ? { gpuResource: `nvidia.com/mig-${o.migProfile}` } : {}),
    ...(o.gpusPerNode !== undefined ? { maxGpusPerNode: o.gpusPerNode } : {}),
  };
}
