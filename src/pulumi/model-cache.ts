import * as pulumi from '@pulumi/pulumi';
import { IModelCache } from '../core/cache';
import { HuggingFaceModel } from '../core/model';
import { ModelCacheProps, renderModelCache } from '../core/model-cache';
import { AwaitArgs, registerOptions } from './await-args';
import { registerObjects } from './resources';
import { createSecrets, planSecret, SecretInput } from './secrets';

/** Args of the Pulumi `ModelCache`: the cdk8s props, a namespace, and the token as a secret value or reference. */
export interface ModelCacheArgs extends Omit<ModelCacheProps, 'hfToken'>, AwaitArgs {
  /** Namespace of every object. */
  readonly namespace: string;
  /**
   * Hub token: a secret value (`config.requireSecret('hfToken')`, becomes Secret `<name>-hf-token`, key `HF_TOKEN`)
   * or a `SecretRef` to an existing Secret. Only the download Job gets it.
   * @default - no token
   */
  readonly hfToken?: SecretInput;
}

/**
 * A PersistentVolumeClaim filled once by a download Job, as a Pulumi component (same objects as the
 * cdk8s construct). Pass it as `cache` to a serving component.
 */
export class ModelCache extends pulumi.ComponentResource implements IModelCache {
  /** The model the cache holds. */
  public readonly model: HuggingFaceModel;
  /** Name of the PersistentVolumeClaim. */
  public readonly claimName: string;
  /** Directory inside the claim holding the model files. */
  public readonly subPath: string;
  /** File the Job writes last. */
  public readonly markerFile: string;
  /** Name of the download Job. */
  public readonly jobName: pulumi.Output<string>;

  constructor(name: string, args: ModelCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:ModelCache', name, {}, opts);
    const hfToken = planSecret(name, 'hf-token', 'HF_TOKEN', args.hfToken);
    const rendered = renderModelCache({ ...args, hfToken: hfToken.ref }, { path: name, name, namespace: args.namespace });
    const secrets = createSecrets(this, args.namespace, [hfToken]);
    registerObjects(this, rendered.objects, registerOptions(args, opts, secrets));
    this.model = rendered.cache.model;
    this.claimName = rendered.cache.claimName;
    this.subPath = rendered.cache.subPath;
    this.markerFile = rendered.cache.markerFile;
    this.jobName = pulumi.output(rendered.jobName);
    this.registerOutputs({ claimName: this.claimName, subPath: this.subPath, jobName: this.jobName });
  }
}
