/**
 * Props that relax a secure default on purpose, and the check each one makes fail. When the user
 * sets such a prop, the library's objects carry a waiver annotation whose reason names the prop: the
 * finding is still reported, as waived, by every door (synth, CLI, cdk8s plugin, Pulumi policy pack).
 */
import { KubeObject } from '../kube';
import { WAIVER_ANNOTATION_PREFIX } from './waivers';

/** The props a relaxation is read from (any serving or cache props). */
export interface RelaxingProps {
  readonly model?: { readonly allowPickleWeights?: boolean };
  readonly automountServiceAccountToken?: boolean;
  readonly modelControl?: string;
}

/** Kinds whose pods hold the relaxed settings. */
const WORKLOAD_KINDS = ['Deployment', 'InferenceService', 'Job'];
/** Kinds that carry each waiver: where the check reports the relaxed setting. */
const WAIVED_KINDS: Readonly<Record<string, readonly string[]>> = {
  M04: WORKLOAD_KINDS,
  K14: [...WORKLOAD_KINDS, 'ServiceAccount'],
  M10: WORKLOAD_KINDS,
};

/** Check ID → reason, for each relaxing prop the user set. */
export function relaxationWaivers(props: RelaxingProps): Record<string, string> {
  return {
    ...(props.model?.allowPickleWeights === true ? { M04: 'allowPickleWeights: true on the model (pickle weights requested)' } : {}),
    ...(props.automountServiceAccountToken === true ? { K14: 'automountServiceAccountToken: true (a Kubernetes API token requested)' } : {}),
    ...(props.modelControl === 'EXPLICIT' ? { M10: 'modelControl: EXPLICIT (the TorchServe model API requested)' } : {}),
  };
}

/** The objects, with the waivers of the relaxing props on the kinds that carry them. */
export function withRelaxationWaivers<T extends KubeObject>(objects: readonly T[], props: RelaxingProps): T[] {
  const waivers = Object.entries(relaxationWaivers(props));
  return objects.map(o => {
    const mine = waivers.filter(([id]) => WAIVED_KINDS[id].includes(o.kind));
    if (mine.length === 0) return o;
    const annotations = Object.fromEntries(mine.map(([id, reason]) => [`${WAIVER_ANNOTATION_PREFIX}${id}`, reason]));
    return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, ...annotations } } };
  });
}
