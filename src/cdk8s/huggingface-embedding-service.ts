import { Construct } from 'constructs';
import { EmbeddingEndpoints, HuggingFaceEmbeddingServiceProps, RenderedEmbeddingService, renderEmbeddingService } from '../core/embedding-service';
import { WithPeerSelectors } from './peers';
import { ServingConstruct } from './serving-construct';

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
export class HuggingFaceEmbeddingService extends ServingConstruct<HuggingFaceEmbeddingServiceProps, RenderedEmbeddingService> {
  /** The URL and the path of each protocol (V1/V2 on KSERVE, `/embed` on TEI, OpenAI everywhere). */
  public readonly endpoints: EmbeddingEndpoints;

  constructor(scope: Construct, id: string, constructProps: HuggingFaceEmbeddingServiceConstructProps) {
    super(scope, id, constructProps, renderEmbeddingService);
    this.endpoints = this.rendered.endpoints;
  }
}
