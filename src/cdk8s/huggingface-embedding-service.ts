import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps, renderEmbeddingService } from '../core/embedding-service';
import { KubeObject } from '../core/kube';
import { WithPeerSelectors, withPlainPeers } from './peers';
import { addObjects, servingContext } from './render';

/** Props of the cdk8s construct: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export type HuggingFaceEmbeddingServiceConstructProps = WithPeerSelectors<HuggingFaceEmbeddingServiceProps>;

export type { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps };

/**
 * Define an embedding service on one of four backends (`EmbeddingBackend`), each with an
 * OpenAI-compatible `/v1/embeddings` route: a KServe InferenceService (default), a Knative
 * InferenceService, or a plain Deployment and Service. CPU by default; rollouts never serve two
 * model revisions at once unless `rollingUpdate` is set.
 *
 * @example
 * const gte = new HuggingFaceEmbeddingService(chart, 'embedding', {
 *   model: HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '<40-hex commit>' }),
 *   resources: { cpu: '2', memory: '8Gi' },
 * });
 * gte.endpoints.openaiEmbeddings; // '/openai/v1/embeddings'
 */
export class HuggingFaceEmbeddingService extends Construct {
  /** In-cluster URL of the service root. */
  public readonly url: string;
  /** Base path of the OpenAI-compatible API (`/openai/v1` on KServe's runtime, `/v1` elsewhere). */
  public readonly apiBasePath: string;
  /** The URL and the path of each protocol (V1/V2 on KSERVE, `/embed` on TEI, OpenAI everywhere). */
  public readonly endpoints: EmbeddingEndpoints;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** @internal the props, for the parity test. */
  public readonly _props: HuggingFaceEmbeddingServiceProps;

  constructor(scope: Construct, id: string, constructProps: HuggingFaceEmbeddingServiceConstructProps) {
    super(scope, id);
    const props = withPlainPeers<HuggingFaceEmbeddingServiceProps>(this.node.path, constructProps);
    const r = renderEmbeddingService(props, servingContext(this));
    this._props = props;
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.endpoints = r.endpoints;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
