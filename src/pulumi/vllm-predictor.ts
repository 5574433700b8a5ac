import * as pulumi from '@pulumi/pulumi';
import { renderVllmPredictor, VllmPredictorProps } from '../core/vllm-predictor';
import { AwaitArgs, registerOptions } from './await-args';
import { renderComponent } from './component';
import { Inputs } from './inputs';
import { createSecrets, planSecret, SecretInput, warnIfNotSecret } from './secrets';

/**
 * Args of the Pulumi `VllmPredictor`: the cdk8s props, each accepting a `pulumi.Input` (see
 * `Inputs`), a namespace, and tokens as secret values or references.
 */
export interface VllmPredictorArgs extends Inputs<Omit<VllmPredictorProps, 'hfToken' | 'apiKey'>>, AwaitArgs {
  /** Namespace of every object (an Input: `ns.metadata.name` works). */
  readonly namespace: pulumi.Input<string>;
  /**
   * Hub token: a secret value (`config.requireSecret('hfToken')`, becomes Secret `<name>-hf-token`, key `HF_TOKEN`)
   * or a `SecretRef` to an existing Secret. A value that is not a Pulumi secret logs a warning.
   * @default - no token
   */
  readonly hfToken?: SecretInput;
  /**
   * API key: a secret value (becomes Secret `<name>-api-key`, key `api-key`) or a `SecretRef`.
   * A value that is not a Pulumi secret logs a warning.
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
    const { namespace, skipAwait, hfToken, apiKey, ...props } = args;
    warnIfNotSecret(this, 'hfToken', hfToken);
    warnIfNotSecret(this, 'apiKey', apiKey);
    const hf = planSecret(name, 'hf-token', 'HF_TOKEN', hfToken);
    const key = planSecret(name, 'api-key', 'api-key', apiKey);
    const register = registerOptions({ skipAwait }, opts, [props.cache]);
    const r = renderComponent({
      parent: this, name, namespace,
      props: { ...props, hfToken: hf.ref, apiKey: key.ref } as Inputs<VllmPredictorProps>,
      render: renderVllmPredictor,
      register,
      dependencies: () => createSecrets(this, { name, namespace, metadata: props.metadata }, [hf, key], register.dependsOn),
    });
    this.url = r.output(x => x.url);
    this.apiBasePath = r.output(x => x.apiBasePath);
    this.registerOutputs({ url: this.url, apiBasePath: this.apiBasePath });
  }
}
