/**
 * Waivers written in the objects themselves, so every door (synth, CLI, cdk8s plugin, Pulumi policy
 * pack) honours the same ones: an annotation `ignore-check.hf-serving-constructs.io/<ID>: <reason>`
 * on the object a finding is about. The key follows kube-linter's `ignore-check.kube-linter.io/<check>`
 * convention (stackrox/kube-linter docs/configuring-kubelinter.md, "Ignoring violations for
 * specific cases"); unlike kube-linter, the reason is mandatory.
 */
import { isObject, Json } from './manifest';

/** Annotation key prefix of a waiver; the check ID follows, e.g. `ignore-check.hf-serving-constructs.io/M10`. */
export const WAIVER_ANNOTATION_PREFIX = 'ignore-check.hf-serving-constructs.io/';

/** What an object says about one check: waived with a reason, or a waiver annotation without one. */
export type Waiver = { readonly reason: string } | { readonly reason?: undefined; readonly missingReason: true };

/** The waiver annotation of `id` on `owner`, if any. */
export function waiverOf(owner: Json | undefined, id: string): Waiver | undefined {
  const annotations = owner && isObject(owner.metadata) && isObject(owner.metadata.annotations) ? owner.metadata.annotations : {};
  const key = `${WAIVER_ANNOTATION_PREFIX}${id}`;
  if (!(key in annotations)) return undefined;
  const reason = typeof annotations[key] === 'string' ? annotations[key].trim() : '';
  return reason ? { reason } : { missingReason: true };
}

/** The annotation that waives `id` with `reason` (for `metadata.annotations`). */
export function waiverAnnotation(id: string, reason: string): Record<string, string> {
  return { [`${WAIVER_ANNOTATION_PREFIX}${id}`]: reason };
}
