import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { NetworkPeer } from '../core/network';
import { RenderedServing, ServingContext } from '../core/serving';
import { recordProps } from './construct-props';
import { WithPeerSelectors, withPlainPeers } from './peers';
import { addObjects, servingContext } from './render';

/** What every serving construct exposes: where it serves and what it synthesized. */
export interface IServingConstruct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  readonly apiBasePath: string;
  /** The plain objects the construct rendered: a copy, so change the manifests through the ApiObjects (`addJsonPatch`, `metadata`). */
  readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  readonly apiObjects: readonly ApiObject[];
}

/**
 * Render a serving construct once: its props (cdk8s-plus selectors in `allowFrom` made plain) go to
 * the core's render function, the objects are added under it, and the outputs come back.
 */
export function renderServingConstruct<P extends { readonly allowFrom?: readonly NetworkPeer[] }, R extends RenderedServing>(
  scope: Construct, constructProps: WithPeerSelectors<P>, render: (props: P, ctx: ServingContext) => R,
): R & { readonly apiObjects: readonly ApiObject[] } {
  const props = withPlainPeers<P>(scope.node.path, constructProps);
  const rendered = render(props, servingContext(scope));
  recordProps(scope, props);
  return { ...rendered, apiObjects: addObjects(scope, rendered.objects) };
}
