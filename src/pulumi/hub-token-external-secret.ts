import * as pulumi from '@pulumi/pulumi';
import { HubTokenExternalSecretProps, renderHubTokenExternalSecret } from '../core/hub-token-external-secret';
import { SecretRef } from '../core/secret-ref';
import { registerOptions } from './await-args';
import { registerObjects } from './resources';

/** Args of the Pulumi `HubTokenExternalSecret`: the cdk8s props and a namespace. */
export interface HubTokenExternalSecretArgs extends HubTokenExternalSecretProps {
  /** Namespace of the ExternalSecret and of the Secret it creates. */
  readonly namespace: string;
}

/**
 * A Hub token pulled from your secret store by the External Secrets Operator, as a Pulumi component
 * (same object as the cdk8s construct). Pass `secretRef` as `hfToken`.
 */
export class HubTokenExternalSecret extends pulumi.ComponentResource {
  /** Reference to key `HF_TOKEN` of the Secret the operator creates. */
  public readonly secretRef: SecretRef;
  /** Name of the Secret the operator creates. */
  public readonly secretName: pulumi.Output<string>;

  constructor(name: string, args: HubTokenExternalSecretArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:HubTokenExternalSecret', name, {}, opts);
    const rendered = renderHubTokenExternalSecret(args, { path: name, name, namespace: args.namespace });
    registerObjects(this, rendered.objects, registerOptions({}, opts, []));
    this.secretRef = rendered.secretRef;
    this.secretName = pulumi.output(rendered.secretRef.name);
    this.registerOutputs({ secretName: this.secretName });
  }
}
