import * as pulumi from '@pulumi/pulumi';
import { IModelCache } from '../core/cache';
import type { LoraAdapter } from '../core/lora-adapters';
import { HuggingFaceModel } from '../core/model';
import { ModelCacheProps, renderModelCache } from '../core/model-cache';
import { AwaitArgs, registerOptions } from './await-args';
import { renderComponent } from './component';
import { Inputs } from './inputs';
import { createSecrets, planSecret, SecretInput, warnIfNotSecret } from './secrets';

/**
 * Args of the Pulumi `ModelCache`: the cdk8s props, each accepting a `pulumi.Input` (see `Inputs`)
 * except `model` and `loraAdapters` (a serving component reads them at construction), a namespace, and the token as a
 * secret value or reference.
 */
export interface ModelCacheArgs extends Inputs<Omit<ModelCacheProps, 'hfToken' | 'model' | 'loraAdapters'>>, AwaitArgs {
  /** The model to download (a plain value: serving components compare it with theirs). */
  readonly model: HuggingFaceModel;
  /**
   * LoRA adapters downloaded next to the model (plain values: serving components check theirs against them).
   * @default - no adapters
   */
  readonly loraAdapters?: readonly LoraAdapter[];
  /** Namespace of every object (an Input: `ns.metadata.name` works). */
  readonly namespace: pulumi.Input<string>;
  /**
   * Hub token: a secret value (`config.requireSecret('hfToken')`, becomes Secret `<name>-hf-token`, key `HF_TOKEN`)
   * or a `SecretRef` to an existing Secret. Only the download Job gets it. A value that is not a
   * Pulumi secret logs a warning.
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
  /** Access modes of the claim (several replicas may share it only with `ReadWriteMany`). */
  public readonly accessModes: readonly string[];
  /** LoRA adapters the cache holds next to the model. */
  public readonly loraAdapters?: readonly LoraAdapter[];
  /** Name of the download Job. */
  public readonly jobName: pulumi.Output<string>;

  constructor(name: string, args: ModelCacheArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:ModelCache', name, {}, opts);
    const { namespace, skipAwait, hfToken, ...props } = args;
    warnIfNotSecret(this, 'hfToken', hfToken);
    const hf = planSecret(name, 'hf-token', 'HF_TOKEN', hfToken);
    const register = registerOptions({ skipAwait }, opts, []);
    const r = renderComponent({
      parent: this, name, namespace,
      props: { ...props, hfToken: hf.ref } as Inputs<ModelCacheProps>,
      render: renderModelCache,
      register,
      dependencies: () => createSecrets(this, { name, namespace }, [hf], register.dependsOn),
    });
    this.model = r.now.cache.model;
    this.claimName = r.now.cache.claimName;
    this.subPath = r.now.cache.subPath;
    this.markerFile = r.now.cache.markerFile;
    this.accessModes = r.now.cache.accessModes ?? [];
    this.loraAdapters = r.now.cache.loraAdapters;
    this.jobName = r.output(x => x.jobName);
    this.registerOutputs({ claimName: this.claimName, subPath: this.subPath, jobName: this.jobName });
  }
}
