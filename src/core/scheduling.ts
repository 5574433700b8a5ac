/** A Kubernetes toleration. */
export interface Toleration {
  /** Taint key, e.g. `nvidia.com/gpu`. */
  readonly key: string;
  /** `Equal` (key and value match) or `Exists` (any value). */
  readonly operator: 'Equal' | 'Exists';
  /**
   * Taint value, with `Equal`.
   * @default - none (with `Exists`)
   */
  readonly value?: string;
  /** Taint effect tolerated. */
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** GPU capacity a serving pod can be placed on (implemented by `GpuNodePool`). */
export interface IGpuNodePool {
  /** Node labels a pod must match (rendered as required node affinity). */
  readonly nodeSelector: Readonly<Record<string, string>>;
  /** Taints of the pool's nodes; pods get the matching tolerations. */
  readonly tolerations: readonly Toleration[];
  /**
   * Extended resource name to request instead of `nvidia.com/gpu` (e.g. a MIG profile).
   * @default 'nvidia.com/gpu'
   */
  readonly gpuResource?: string;
  /**
   * Most GPUs one node of the pool has; a pod asking for more is refused.
   * @default - unknown (not checked)
   */
  readonly maxGpusPerNode?: number;
}

/** Default extended resource for GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';

/** A node taint (the pool side of a toleration). */
export interface Taint {
  /** Taint key, e.g. `nvidia.com/gpu`. */
  readonly key: string;
  /**
   * Taint value.
   * @default - no value (tolerated with operator `Exists`)
   */
  readonly value?: string;
  /** Taint effect. */
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** The toleration that matches exactly one taint. */
export function tolerationFor(taint: Taint): Toleration {
  return taint.value === undefined
    ? { key: taint.key, operator: 'Exists', effect: taint.effect }
    : { key: taint.key, operator: 'Equal', value: taint.value, effect: taint.effect };
}
