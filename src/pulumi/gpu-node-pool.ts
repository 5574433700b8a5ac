import * as pulumi from '@pulumi/pulumi';
import { existingGpuNodePool, ExistingGpuNodePoolOptions, GpuNodePoolProps, renderGpuNodePool } from '../core/gpu-node-pool';
import { IGpuNodePool, Taint, Toleration } from '../core/scheduling';
import { registerOptions } from './await-args';
import { registerObjects } from './resources';

/** Args of the Pulumi `GpuNodePool` (the NodePool is cluster-scoped: no namespace). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the cdk8s props under the Pulumi name, as an interface
export interface GpuNodePoolArgs extends GpuNodePoolProps {}

/** GPU capacity as a Karpenter NodePool, as a Pulumi component (same object as the cdk8s construct). */
export class GpuNodePool extends pulumi.ComponentResource implements IGpuNodePool {
  /** An `IGpuNodePool` for capacity made elsewhere (GKE node pool, EKS managed node group, on-prem). */
  public static fromExisting(options: ExistingGpuNodePoolOptions): IGpuNodePool {
    return existingGpuNodePool(options);
  }

  /** Node labels predictors require. */
  public readonly nodeSelector: Readonly<Record<string, string>>;
  /** Tolerations matching the pool's taints. */
  public readonly tolerations: readonly Toleration[];
  /** Taints of the pool's nodes. */
  public readonly taints: readonly Taint[];
  /** Extended resource pods request. */
  public readonly gpuResource?: string;
  /** GPUs per node, when fixed. */
  public readonly maxGpusPerNode?: number;

  constructor(name: string, args: GpuNodePoolArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:GpuNodePool', name, {}, opts);
    const { gpuType, maxGpus, gpusPerNode, migProfile, capacityTypes, nodeClass, consolidateAfter } = args;
    const r = renderGpuNodePool({ gpuType, maxGpus, gpusPerNode, migProfile, capacityTypes, nodeClass, consolidateAfter }, { path: name, name });
    this.nodeSelector = r.pool.nodeSelector;
    this.tolerations = r.pool.tolerations;
    this.taints = r.taints;
    this.gpuResource = r.pool.gpuResource;
    this.maxGpusPerNode = r.pool.maxGpusPerNode;
    registerObjects(this, r.objects, registerOptions({}, opts, []));
    this.registerOutputs({ nodeSelector: this.nodeSelector });
  }
}
