/** A Kubernetes toleration. */
export interface Toleration {
  readonly key: string;
  readonly operator: 'Equal' | 'Exists';
  readonly value?: string;
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
}

/** Default extended resource for GPUs. */
export const GPU_RESOURCE = 'nvidia.com/gpu';
