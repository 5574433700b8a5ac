import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { KubeObject } from '../core/kube';
import { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps, RenderedEmbeddingService, renderEmbeddingService } from '../core/embedding-service';
import { PeerSelectorProps } from './peers';
import { IServingConstruct, renderServingConstruct } from './serving-construct';

/** Props of the cdk8s `HuggingFaceEmbeddingService`: the core props, with `allowFrom` also taking cdk8s-plus selectors. */
export interface HuggingFaceEmbeddingServiceConstructProps extends Omit<HuggingFaceEmbeddingServiceProps, 'allowFrom'>, PeerSelectorProps {}

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
export class HuggingFaceEmbeddingService extends Construct implements IServingConstruct {
  /** In-cluster URL of the service root, e.g. `http://chat-predictor.ml-serving.svc.cluster.local`. */
  public readonly url: string;
  /** Base path of the server's API (OpenAI-compatible for LLM and embedding servers). */
  public readonly apiBasePath: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, primary first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];
  /** The URL and the path of each protocol (V1/V2 on KSERVE, `/embed` on TEI, OpenAI everywhere). */
  public readonly endpoints: EmbeddingEndpoints;

  constructor(scope: Construct, id: string, props: HuggingFaceEmbeddingServiceConstructProps) {
    super(scope, id);
    const r = renderServingConstruct<HuggingFaceEmbeddingServiceProps, RenderedEmbeddingService>(this, props, renderEmbeddingService);
    this.url = r.url;
    this.apiBasePath = r.apiBasePath;
    this.objects = r.objects;
    this.apiObjects = r.apiObjects;
    this.endpoints = r.endpoints;
  }
}
