import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { existingGpuNodePool, ExistingGpuNodePoolOptions, GpuNodePoolProps, renderGpuNodePool } from '../core/gpu-node-pool';
import { KubeObject } from '../core/kube';
import { IGpuNodePool, Taint, Toleration } from '../core/scheduling';
import { recordProps } from './construct-props';
import { addObjects } from './render';

export type { GpuNodePoolProps, ExistingGpuNodePoolOptions };

/**
 * GPU capacity as code: a Karpenter `NodePool` (`karpenter.sh/v1`) whose nodes carry the GPU taint,
 * capped at `maxGpus`, consolidated only when empty. Pass it as `nodePool` to a predictor, which then
 * gets the matching toleration and node affinity.
 *
 * @example
 * const l4 = new GpuNodePool(chart, 'l4-pool', { gpuType: 'nvidia-l4', maxGpus: 16 });
 * new VllmPredictor(chart, 'chat', { model, gpus: 2, nodePool: l4 });
 */
export class GpuNodePool extends Construct implements IGpuNodePool {
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
  /** Extended resource pods request (`nvidia.com/gpu` or a MIG profile). */
  public readonly gpuResource?: string;
  /** GPUs per node, when fixed. */
  public readonly maxGpusPerNode?: number;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];

  constructor(scope: Construct, id: string, props: GpuNodePoolProps) {
    super(scope, id);
    const r = renderGpuNodePool(props, { path: this.node.path, name: id });
    recordProps(this, props);
    this.nodeSelector = r.pool.nodeSelector;
    this.tolerations = r.pool.tolerations;
    this.taints = r.taints;
    this.gpuResource = r.pool.gpuResource;
    this.maxGpusPerNode = r.pool.maxGpusPerNode;
    this.objects = r.objects;
    // NodePool is cluster-scoped: drop the namespace cdk8s copies from the Chart.
    addObjects(this, r.objects).forEach((o: ApiObject) => { if (o.metadata.namespace) o.addJsonPatch(JsonPatch.remove('/metadata/namespace')); });
  }
}
