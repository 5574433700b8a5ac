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

/** Kinds that carry the waivers (the objects whose pods the relaxed setting is in). */
const WAIVED_KINDS = new Set(['Deployment', 'InferenceService', 'Job', 'ServiceAccount']);

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
  if (waivers.length === 0) return [...objects];
  const annotations = Object.fromEntries(waivers.map(([id, reason]) => [`${WAIVER_ANNOTATION_PREFIX}${id}`, reason]));
  return objects.map(o => (WAIVED_KINDS.has(o.kind)
    ? { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata.annotations, ...annotations } } }
    : o));
}
