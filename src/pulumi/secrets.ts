import * as pulumi from '@pulumi/pulumi';
import { Secret } from '@pulumi/kubernetes/core/v1/secret';
import { standardLabels } from '../core/labels';
import { MetadataOptions, withObjectMetadata } from '../core/metadata';
import { SecretRef } from '../core/secret-ref';
import { DeepInput } from './inputs';

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

/** Who the created Secrets belong to: the component's name, namespace and `metadata` prop. */
export interface SecretOwner {
  /** Component name (`app.kubernetes.io/instance` of every object it creates). */
  readonly name: string;
  readonly namespace: pulumi.Input<string>;
  /** The component's `metadata` prop: its labels and annotations go on the Secrets as on every other object. */
  readonly metadata?: DeepInput<MetadataOptions | undefined>;
}

/** Component label of the Secrets a Pulumi component creates from token values. */
export const SECRET_COMPONENT = 'credentials';

/**
 * Create the Secrets planned with values, parented to the component, after what the component depends
 * on. They carry the library's standard labels and the component's `metadata` (ours win on conflict).
 */
export function createSecrets(
  parent: pulumi.ComponentResource, owner: SecretOwner, planned: readonly PlannedSecret[], dependsOn: readonly pulumi.Resource[] = [],
): Secret[] {
  const extra = pulumi.output(owner.metadata as pulumi.Input<MetadataOptions | undefined>);
  return planned.filter(p => p.value !== undefined && p.ref).map(p => new Secret(`${p.ref!.name}-secret`, {
    metadata: pulumi.all([owner.namespace, extra]).apply(([namespace, m]) => withObjectMetadata({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: p.ref!.name, namespace, labels: standardLabels(owner.name, SECRET_COMPONENT) },
    }, m).metadata),
    type: 'Opaque',
    stringData: { [p.ref!.key]: pulumi.secret(p.value!) },
  }, { parent, dependsOn: [...dependsOn], additionalSecretOutputs: ['stringData', 'data'] }));
}
