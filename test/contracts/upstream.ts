/**
 * Where each contract in this folder was read: repository, tag (and the commit it resolved to), and
 * the files. A contract test first checks that the library still pins the version the contract was
 * read at; when a version constant in `src/` changes, that check fails and names what to re-read.
 */
export interface UpstreamSource {
  /** GitHub `owner/name`. */
  readonly repo: string;
  /** Tag the facts were read at. */
  readonly tag: string;
  /** Commit the tag resolved to when read; undefined where the tag could not be fetched (see `note`). */
  readonly commit?: string;
  /** Files the facts come from. */
  readonly files: readonly string[];
  /** How the reading was done, where it differs from "read at the tag". */
  readonly note?: string;
}

/** Every upstream source the contracts were read from (2026-11-30). */
export const UPSTREAM = {
  knative: {
    repo: 'knative/serving',
    tag: 'knative-v1.21.1',
    commit: '69aa052f143657969e5f0d7e0902088da6f22566',
    files: [
      'pkg/apis/serving/fieldmask.go', 'pkg/apis/serving/k8s_validation.go', 'pkg/apis/config/features.go', 'pkg/networking/constants.go',
      'pkg/apis/serving/register.go', 'pkg/queue/sharedmain/main.go', 'pkg/activator/handler/handler.go', 'config/core/configmaps/autoscaler.yaml',
    ],
    note: 'the same commit as tag v0.48.1, the knative.dev/serving version in kserve/kserve v0.20.0 go.mod',
  },
  kserve: {
    repo: 'kserve/kserve',
    tag: 'v0.20.0',
    commit: '1fb781055dd1567164358233e1125142ca6ef1fe',
    files: [
      'python/huggingfaceserver/huggingfaceserver/__main__.py', 'python/huggingfaceserver/huggingfaceserver/vllm/utils.py',
      'python/huggingfaceserver/huggingfaceserver/vllm/vllm_model.py', 'python/kserve/kserve/protocol/rest/server.py',
      'python/kserve/kserve/model_server.py', 'python/huggingface_server.Dockerfile', 'python/huggingface_server_cpu.Dockerfile',
      'python/storage-initializer.Dockerfile', 'pkg/controller/v1beta1/inferenceservice/reconcilers/knative/ksvc_reconciler.go',
      'python/huggingfaceserver/huggingfaceserver/encoder_model.py', 'config/configmap/inferenceservice.yaml',
      'pkg/webhook/admission/pod/storage_initializer_injector.go', 'pkg/apis/serving/v1beta1/component.go', 'pkg/apis/serving/v1beta1/predictor.go', 'go.mod',
      'pkg/constants/constants.go', 'pkg/utils/storage.go', 'pkg/apis/serving/v1beta1/predictor_custom.go',
    ],
  },
  torchserve: {
    repo: 'pytorch/serve',
    tag: 'v0.12.0',
    commit: '6bdb1baf7254c2bfc40a6669b0d922c08ba5f37a',
    files: [
      'frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java', 'frontend/server/src/main/java/org/pytorch/serve/util/TokenAuthorization.java',
      'ts/arg_parser.py', 'docker/Dockerfile', 'docker/build_image.sh', 'frontend/server/src/main/java/org/pytorch/serve/util/Connector.java',
    ],
  },
  tei: {
    repo: 'huggingface/text-embeddings-inference',
    tag: 'v1.9.3',
    commit: '06670157fb6c1523482219bdb2d1660277d38088',
    files: ['router/src/main.rs', 'Dockerfile', 'Dockerfile-cuda', '.github/workflows/build.yaml', '.github/workflows/matrix.json', 'Cargo.toml'],
  },
  infinity: {
    repo: 'michaelfeil/infinity',
    tag: '0.0.77',
    commit: '4355feffbcbb037cab5c68f510855043d57e6bd7',
    files: ['libs/infinity_emb/infinity_emb/cli.py', 'libs/infinity_emb/infinity_emb/env.py', 'libs/infinity_emb/Dockerfile.cpu_auto', 'libs/infinity_emb/Dockerfile.nvidia_auto', 'libs/infinity_emb/pyproject.toml'],
  },
  vllm: {
    repo: 'vllm-project/vllm',
    tag: 'v0.28.0',
    files: ['vllm/engine/arg_utils.py', 'vllm/entrypoints/openai/cli_args.py', 'vllm/utils/argparse_utils.py', 'vllm/v1/metrics/loggers.py', 'docker/Dockerfile'],
    note: 'the repository snapshot is over the fetch size limit: flags, parser and image user were read in indexed copies of these files from recent main-branch commits, not at the tag; re-check at v0.28.0',
  },
  istio: {
    repo: 'istio/api',
    tag: '1.29.6',
    commit: '1092f7f897896b437df36d8d0df85728706022f2',
    files: ['security/v1beta1/peer_authentication.proto', 'label/labels.yaml', 'mesh/v1alpha1/proxy.proto'],
    note: 'the library pins no Istio version: these API facts are stable across the 1.2x releases that serve security.istio.io/v1',
  },
  sglang: {
    repo: 'sgl-project/sglang',
    tag: 'v0.5.18',
    files: ['python/sglang/srt/server_args.py', 'python/sglang/srt/utils/common.py', 'python/sglang/srt/metrics/collector.py', 'docker/Dockerfile'],
    note: 'the repository snapshot is over the fetch size limit: flags (server_args.py at 469c63e5 and 001067ff), API-key routes, '
      + 'metric names (collector.py at 93d04878) and the image user (Dockerfile at 004740a9: no USER) were read in indexed copies of '
      + 'main-branch commits, not at the tag; the v0.5.18 image tag is attested by third-party pins of lmsysorg/sglang, not read in '
      + 'the repository\'s tags; re-check at v0.5.18',
  },
} as const satisfies Record<string, UpstreamSource>;

/**
 * Fail, naming the source to re-read, unless the library still pins `readAt` (the version the
 * contract was read at). `pinned` is the library's own constant.
 */
export function expectPinned(source: UpstreamSource, pinned: string, readAt: string = source.tag): void {
  if (pinned !== readAt) {
    throw new Error(`the library now pins ${source.repo} ${pinned}, but this contract was read at ${readAt}: `
      + `re-read ${source.files.join(', ')} in ${source.repo} at ${pinned}, update the contract data, then its tag`);
  }
}
