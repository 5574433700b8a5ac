import * as pulumi from '@pulumi/pulumi';
import { Secret } from '@pulumi/kubernetes/core/v1/secret';
import { SecretRef } from '../core/secret-ref';

/** A token given to a Pulumi component: a secret value (from `config.requireSecret`) or a reference to an existing Secret. */
export type SecretInput = pulumi.Input<string> | SecretRef;

/** The reference the core gets for a secret input, and the Secret to create (when a value was given). */
export interface PlannedSecret {
  readonly ref?: SecretRef;
  readonly value?: pulumi.Input<string>;
}

/**
 * Plan a secret input: a SecretRef passes through; a value becomes Secret `<component>-<suffix>` with
 * key `key` (created by {@link createSecrets}), so the value lives only in that Secret, marked secret
 * in Pulumi state, and never in a workload manifest.
 */
export function planSecret(component: string, suffix: string, key: string, input: SecretInput | undefined): PlannedSecret {
  if (input === undefined) return {};
  if (SecretRef.isSecretRef(input)) return { ref: input };
  return { ref: SecretRef.of(`${component}-${suffix}`, key), value: input };
}

/**
 * Warn (a Pulumi warning on the component) when a token is not a Pulumi secret: a plain string, or an
 * Output not marked secret. It is still stored only as a Secret marked secret in the state, but a
 * plain value may sit in the program's source or in unencrypted stack config.
 */
export function warnIfNotSecret(parent: pulumi.ComponentResource, field: string, input: SecretInput | undefined): void {
  if (input === undefined || SecretRef.isSecretRef(input)) return;
  const message = `${field} is not a Pulumi secret: a plain value may sit in the program's source or in unencrypted stack config. `
    + `Use pulumi.Config#requireSecret('${field}') (set with \`pulumi config set --secret ${field} ...\`) or a SecretRef to an existing Secret.`;
  if (typeof input === 'string') {
    void pulumi.log.warn(message, parent);
  } else if (pulumi.Output.isInstance(input)) {
    void pulumi.isSecret(input as pulumi.Output<string>).then(secret => (secret ? undefined : pulumi.log.warn(message, parent)));
  }
}

/** Create the Secrets planned with values, parented to the component, after what the component depends on. */
export function createSecrets(
  parent: pulumi.ComponentResource, namespace: pulumi.Input<string>, planned: readonly PlannedSecret[], dependsOn: readonly pulumi.Resource[] = [],
): Secret[] {
  return planned.filter(p => p.value !== undefined && p.ref).map(p => new Secret(`${p.ref!.name}-secret`, {
    metadata: { name: p.ref!.name, namespace },
    type: 'Opaque',
    stringData: { [p.ref!.key]: pulumi.secret(p.value!) },
  }, { parent, dependsOn: [...dependsOn], additionalSecretOutputs: ['stringData', 'data'] }));
}
