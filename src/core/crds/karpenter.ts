import type { ObjectMeta } from '../kube';

/**
 * Karpenter's `NodePool` (`karpenter.sh/v1`) as the library emits it: the fields it sets, named and
 * typed as in Karpenter's CRD schema. A test checks that every object this type allows is accepted
 * by the type generated from that schema (`@kubernetes-models/karpenter`, a development dependency,
 * so the published declarations do not name it). Types only: nothing here exists at run time.
 */
export type NodePool = {
  /** Karpenter's served API version. */
  readonly apiVersion: 'karpenter.sh/v1';
  /** The kind. */
  readonly kind: 'NodePool';
  /** Name and labels (a NodePool is cluster-scoped). */
  readonly metadata: ObjectMeta;
  /** The spec. */
  readonly spec: NodePoolSpec;
};

/** `spec` of a {@link NodePool}. */
export interface NodePoolSpec {
  /** The template of the nodes Karpenter launches. */
  readonly template: { readonly spec: NodeClaimTemplateSpec };
  /** Most resources (e.g. `nvidia.com/gpu`) the pool may hold in total. */
  readonly limits: Record<string, string>;
  /** When Karpenter may remove nodes. */
  readonly disruption: {
    readonly consolidationPolicy: 'WhenEmpty' | 'WhenEmptyOrUnderutilized';
    readonly consolidateAfter: string;
    readonly budgets: { readonly nodes: string }[];
  };
}

/** The node template's spec: node class, requirements, taints. */
export interface NodeClaimTemplateSpec {
  /** The cloud-specific node class. */
  readonly nodeClassRef: { readonly group: string; readonly kind: string; readonly name: string };
  /** Label requirements the launched nodes satisfy. */
  readonly requirements: NodeRequirement[];
  /** Taints of the launched nodes. */
  readonly taints: { readonly key: string; readonly value?: string; readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
}

/** A node label requirement. */
export interface NodeRequirement {
  /** The label key. */
  readonly key: string;
  /** The operator. */
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  /** The values. */
  readonly values: string[];
}
