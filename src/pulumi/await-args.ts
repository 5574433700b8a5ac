import * as pulumi from '@pulumi/pulumi';
import { RegisterOptions } from './resources';

/** What every component whose objects Pulumi awaits (Deployments, Services, Jobs) takes about waiting. */
export interface AwaitArgs {
  /**
   * Return from `pulumi up` as soon as the objects are applied: every object the Kubernetes provider
   * would await gets the annotation `pulumi.com/skipAwait: "true"`. Otherwise each awaited object
   * gets `customTimeouts` covering the model's budgets (download deadline, startup timeout, rollout
   * steps), so a slow but healthy model does not fail the update after the provider's 10 minutes.
   * Timeouts given as the component's own `customTimeouts` option replace the derived ones.
   * @default false
   */
  readonly skipAwait?: boolean;
}

/**
 * The register options of a component: its await choice, the user's timeouts, and what its objects
 * wait for: the component's own `dependsOn` (e.g. the KServe operator and its CRDs; Pulumi does not
 * copy a component's dependencies onto its children's registrations) and `dependsOn` given here.
 */
export function registerOptions(args: AwaitArgs, opts: pulumi.ComponentResourceOptions | undefined, dependsOn: readonly unknown[]): RegisterOptions {
  const own = opts?.dependsOn;
  const inherited: unknown[] = Array.isArray(own) ? own : own !== undefined ? [own] : [];
  return {
    skipAwait: args.skipAwait ?? false,
    customTimeouts: opts?.customTimeouts,
    dependsOn: [...inherited, ...dependsOn].filter((d): d is pulumi.Resource => pulumi.Resource.isInstance(d)),
  };
}
