import * as pulumi from '@pulumi/pulumi';
import { renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { AwaitArgs, registerOptions } from './await-args';
import { registerObjects } from './resources';

/** Args of the Pulumi `TorchServePredictor`: the cdk8s props and a namespace. */
export interface TorchServePredictorArgs extends TorchServePredictorProps, AwaitArgs {
  /** Namespace of every object. */
  readonly namespace: string;
}

/** TorchServe models with the model API locked, as a Pulumi component (same objects as the cdk8s construct). */
export class TorchServePredictor extends pulumi.ComponentResource {
  /** In-cluster URL of the inference service root. */
  public readonly url: pulumi.Output<string>;
  /** Base path of TorchServe's inference API. */
  public readonly apiBasePath: pulumi.Output<string>;
  /** The URL and each model's predictions path. */
  public readonly endpoints: pulumi.Output<TorchServeEndpoints>;

  constructor(name: string, args: TorchServePredictorArgs, opts?: pulumi.ComponentResourceOptions) {
    super('hf-serving:index:TorchServePredictor', name, {}, opts);
    const rendered = renderTorchServePredictor(args, { path: name, name, namespace: args.namespace });
    registerObjects(this, rendered.objects, registerOptions(args, opts, []));
    this.url = pulumi.output(rendered.url);
    this.apiBasePath = pulumi.output(rendered.apiBasePath);
    this.endpoints = pulumi.output(rendered.endpoints);
    this.registerOutputs({ url: this.url, apiBasePath: this.apiBasePath, endpoints: this.endpoints });
  }
}
