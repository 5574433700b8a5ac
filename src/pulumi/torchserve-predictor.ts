import * as pulumi from '@pulumi/pulumi';
import { renderTorchServePredictor, TorchServeEndpoints, TorchServePredictorProps } from '../core/torchserve-predictor';
import { AwaitArgs, registerOptions } from './await-args';
import { renderComponent } from './component';
import { Inputs } from './inputs';

/** Args of the Pulumi `TorchServePredictor`: the cdk8s props, each accepting a `pulumi.Input` (see `Inputs`), and a namespace. */
export interface TorchServePredictorArgs extends Inputs<TorchServePredictorProps>, AwaitArgs {
  /** Namespace of every object (an Input: `ns.metadata.name` works). */
  readonly namespace: pulumi.Input<string>;
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
    const { namespace, skipAwait, ...props } = args;
    const r = renderComponent({
      parent: this, name, namespace, props: props as Inputs<TorchServePredictorProps>,
      render: renderTorchServePredictor,
      register: registerOptions({ skipAwait }, opts, []),
    });
    this.url = r.output(x => x.url);
    this.apiBasePath = r.output(x => x.apiBasePath);
    this.endpoints = r.output(x => x.endpoints);
    this.registerOutputs({ url: this.url, apiBasePath: this.apiBasePath, endpoints: this.endpoints });
  }
}
