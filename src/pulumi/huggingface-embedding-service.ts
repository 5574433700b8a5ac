import * as pulumi from '@pulumi/pulumi';
import { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps, renderEmbeddingService } from '../core/embedding-service';
import { AwaitArgs, registerOptions } from './await-args';
import { registerObjects } from './resources';
import { createSecrets, planSecret, SecretInput } from './secrets';

/** Args of the Pulumi `HuggingFaceEmbeddingService`: the cdk8s props, a namespace, and tokens as secret values or references. */
export interface HuggingFaceEmbeddingServiceArgs extends Omit<HuggingFaceEmbeddingServiceProps, 'hfToken' | 'apiKey'>, AwaitArgs {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * Hub token: a secret value (becomes Secret `<name>-hf-token`, key `HF_TOKEN`) or a `SecretRef`.
   * @default - no token
   */
  readonly hfToken?: SecretInput;
  /**
   * API key (TEI, INFINITY, VLLM backends): a secret value (becomes Secret `<name>-api-key`, key `api-key`) or a `SecretRef`.
   * @default - no API key
   */
  readonly apiKey?: SecretInput;
}

/** An embedding service, as a Pulumi component (same objects as the cdk8s construct). */
export class HuggingFaceEmbeddingService extends pulumi.ComponentResource {
  /** In-cluster URL of the service root. */
  public readonly url: pulumi.Output<string>;
  /** Base path of the OpenAI-compatible API. */
  public readonly apiBasePath: pulumi.Output<string>;
  /** The URL and the path of each protocol. */
  public readonly endpoints: pulumi.Output<EmbeddingEndpoints>;

  constructor(name: string, args: HuggingFaceEmbeddingServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:HuggingFaceEmbeddingService', name, {}, opts);
    const hfToken = planSecret(name, 'hf-token', 'HF_TOKEN', args.hfToken);
    const apiKey = planSecret(name, 'api-key', 'api-key', args.apiKey);
    const rendered = renderEmbeddingService({ ...args, hfToken: hfToken.ref, apiKey: apiKey.ref }, { path: name, name, namespace: args.namespace });
    const secrets = createSecrets(this, args.namespace, [hfToken, apiKey]);
    registerObjects(this, rendered.objects, registerOptions(args, opts, [...secrets, args.cache]));
    this.url = pulumi.output(rendered.url);
    this.apiBasePath = pulumi.output(rendered.apiBasePath);
    this.endpoints = pulumi.output(rendered.endpoints);
    this.registerOutputs({ url: this.url, apiBasePath: this.apiBasePath, endpoints: this.endpoints });
  }
}
