import { App, Chart } from 'cdk8s';
import { EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * Models from outside the Hub. A bucket path can change under the same name, so the S3 model is
 * pinned by the SHA-256 of its weights (checked before the cache is marked complete); the cache Job
 * made for it reads the bucket with the IAM role the `serviceAccount` annotations give (IRSA), and
 * the server reads the filled cache, with no egress but DNS. The
 * embedding model ships as an OCI image pinned by digest: KServe mounts it as a modelcar
 * (`oci://`), a Deployment as a read-only image volume; nothing downloads in the pod.
 * `acme` is a stand-in organisation (`.example` domain, AWS's documentation account id): the bucket,
 * the image and the digests below stand for the platform team's own (`sha256sum` of the files they
 * copied into their bucket, the digest their registry reports); put yours.
 */
export function modelSourcesChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'support-llm', {
    model: HuggingFaceModel.fromStorage('s3://acme-models/qwen2.5-7b-instruct/2026-11-01', {
      sha256: {
        'model-00001-of-00004.safetensors': '3f1c9a4e0f2b7d6c5a8e9b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f',
        'model-00002-of-00004.safetensors': '8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b',
        'model-00003-of-00004.safetensors': 'c0ffee00112233445566778899aabbccddeeff00112233445566778899aabbcc',
        'model-00004-of-00004.safetensors': '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      },
    }),
    gpus: 1,
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/acme-models-read' } },
    mode,
  });
  new HuggingFaceEmbeddingService(chart, 'catalog-embed', {
    model: HuggingFaceModel.fromImage(
      'registry.acme.example/models/bge-small-en-v1.5@sha256:9d2f4c6b8a0e1f3d5c7b9a1e3f5d7c9b1a3e5f7d9c1b3a5e7f9d1c3b5a7e9f1d',
    ),
    backend: EmbeddingBackend.INFINITY,
    imagePullSecrets: ['acme-registry'],
    mode,
  });
  return chart;
}
