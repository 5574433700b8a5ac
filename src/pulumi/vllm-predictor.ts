import * as pulumi from '@pulumi/pulumi';
import { renderVllmPredictor, VllmPredictorProps } from '../core/vllm-predictor';
import { AwaitArgs, registerOptions } from './await-args';
import { registerObjects } from './resources';
import { createSecrets, planSecret, SecretInput } from './secrets';

/** Args of the Pulumi `VllmPredictor`: the cdk8s props, a namespace, and tokens as secret values or references. */
export interface VllmPredictorArgs extends Omit<VllmPredictorProps, 'hfToken' | 'apiKey'>, AwaitArgs {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * Hub token: a secret value (`config.requireSecret('hfToken')`, becomes Secret `<name>-hf-token`, key `HF_TOKEN`)
   * or a `SecretRef` to an existing Secret.
   * @default - no token
   */
  readonly hfToken?: SecretInput;
  /**
   * API key: a secret value (becomes Secret `<name>-api-key`, key `api-key`) or a `SecretRef`.
   * @default - no API key
   */
  readonly apiKey?: SecretInput;
}

/** A model served by vLLM, as a Pulumi component (same objects as the cdk8s construct). */
export class VllmPredictor extends pulumi.ComponentResource {
  /** In-cluster URL of the service root. */
  public readonly url: pulumi.Output<string>;
  /** Base path of the OpenAI-compatible API. */
  public readonly apiBasePath: pulumi.Output<string>;

  constructor(name: string, args: VllmPredictorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:VllmPredictor', name, {}, opts);
    const hfToken = planSecret(name, 'hf-token', 'HF_TOKEN', args.hfToken);
    const apiKey = planSecret(name, 'api-key', 'api-key', args.apiKey);
    const rendered = renderVllmPredictor({ ...args, hfToken: hfToken.ref, apiKey: apiKey.ref }, { path: name, name, namespace: args.namespace });
    const secrets = createSecrets(this, args.namespace, [hfToken, apiKey]);
    registerObjects(this, rendered.objects, registerOptions(args, opts, [...secrets, args.cache]));
    this.url = pulumi.output(rendered.url);
    this.apiBasePath = pulumi.output(rendered.apiBasePath);
    this.registerOutputs({ url: this.url, apiBasePath: this.apiBasePath });
  }
}
