import * as pulumi from '@pulumi/pulumi';
import { Secret } from '@pulumi/kubernetes/core/v1/secret';
import { standardLabels } from '../core/labels';
import { MetadataOptions, withObjectMetadata } from '../core/metadata';
import { SecretRef } from '../core/secret-ref';
import { DeepInput, splitInputs } from './inputs';

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
  const meta = (m: MetadataOptions | undefined, name: string) => withObjectMetadata({
    apiVersion: 'v1', kind: 'Secret', metadata: { name, labels: standardLabels(owner.name, SECRET_COMPONENT) },
  }, m).metadata;
  // plain metadata stays plain (transformations see objects); a late one resolves first
  const split = splitInputs<{ m: MetadataOptions | undefined }>({ m: owner.metadata as MetadataOptions | undefined });
  return planned.filter(p => p.value !== undefined && p.ref).map(p => new Secret(`${p.ref!.name}-secret`, {
    metadata: split.resolved
      ? pulumi.all([split.resolved, owner.namespace]).apply(([v, namespace]) => ({ ...meta(v.m, p.ref!.name), namespace }))
      : { ...meta(split.known.m, p.ref!.name), namespace: owner.namespace },
    type: 'Opaque',
    stringData: { [p.ref!.key]: pulumi.secret(p.value!) },
  }, { parent, dependsOn: [...dependsOn], additionalSecretOutputs: ['stringData', 'data'] }));
}
