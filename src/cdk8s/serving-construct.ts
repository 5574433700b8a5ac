import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { NetworkPeer } from '../core/network';
import { RenderedServing, ServingContext } from '../core/serving';
import { WithPeerSelectors, withPlainPeers } from './peers';
import { addObjects, servingContext } from './render';

/**
 * What every serving construct is: its props (with cdk8s-plus selectors accepted in `allowFrom`)
 * rendered once by the core, the objects added under it, and the service outputs.
 */
export abstract class ServingConstruct<P extends { readonly allowFrom?: readonly NetworkPeer[] }, R extends RenderedServing> extends Construct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** @internal the props, for the parity test. */
  public readonly _props: P;
  /** The core's full rendering, for subclasses that report more outputs. */
  protected readonly rendered: R;

  protected constructor(scope: Construct, id: string, constructProps: WithPeerSelectors<P>, render: (props: P, ctx: ServingContext) => R) {
    super(scope, id);
    const props = withPlainPeers<P>(this.node.path, constructProps);
    this.rendered = render(props, servingContext(this));
    this._props = props;
    this.url = this.rendered.url;
    this.apiBasePath = this.rendered.apiBasePath;
    this.objects = this.rendered.objects;
    this.apiObjects = addObjects(this, this.rendered.objects);
  }
}
