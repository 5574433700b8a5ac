import { checkManifests } from './policy/lazy';
import { CheckOptions, describeRef } from './policy/finding';

/**
 * The `error` findings of {@link checkManifests} over `objects`, one readable line each
 * (`K05 Deployment ml-serving/chat [vllm]: <message>; fix: <fix>`), for a test assertion such as
 * `expect(policyErrors(Testing.synth(chart))).toEqual([])`: a failure lists every error with its fix.
 * Warnings and waived errors are left out; use `checkManifests` to see them.
 */
export function policyErrors(objects: readonly unknown[], options: CheckOptions = {}): string[] {
  return checkManifests(objects, options)
    .filter(f => f.severity === 'error' && f.waived === undefined)
    .map(f => `${f.id} ${describeRef(f.object)}${f.container ? ` [${f.container}]` : ''}: ${f.message}; fix: ${f.fix}`);
}
