import type { ObjectMeta } from '../kube';

/**
 * KEDA's `ScaledObject` (`keda.sh/v1alpha1`) as the library emits it: the fields it sets, named and
 * typed as in KEDA's CRD schema. A test checks that every object this type allows is accepted by the
 * type generated from that schema (`@kubernetes-models/keda`, a development dependency, so the
 * published declarations do not name it). Types only: nothing here exists at run time.
 */
export type ScaledObject = {
  /** KEDA's served API version. */
  readonly apiVersion: 'keda.sh/v1alpha1';
  /** The kind. */
  readonly kind: 'ScaledObject';
  /** Name, namespace and labels. */
  readonly metadata: ObjectMeta;
  /** The spec. */
  readonly spec: ScaledObjectSpec;
};

/** `spec` of a {@link ScaledObject}. */
export interface ScaledObjectSpec {
  /** The workload scaled. */
  readonly scaleTargetRef: { readonly apiVersion: string; readonly kind: string; readonly name: string };
  /** Fewest replicas. */
  readonly minReplicaCount: number;
  /** Most replicas. */
  readonly maxReplicaCount: number;
  /** The scalers (here: one Prometheus query). */
  readonly triggers: { readonly type: string; readonly metadata: Record<string, string> }[];
}
