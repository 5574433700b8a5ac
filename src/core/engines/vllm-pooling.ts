import { Engine } from './engine';
import { VLLM } from './vllm';

/**
 * vLLM's pooling runner for embeddings: the upstream vLLM server (`./vllm.ts`, same image, flags and
 * switches) with `--runner=pooling --convert=embed`, which replace the old `--task embed`. OpenAI
 * route `POST /v1/embeddings` (behind `VLLM_API_KEY` when set), `GET /health`, `GET /metrics`.
 * Facts: `../shared/reference/engines-and-peers.md` §3.1, `kserve.md` §2.3.
 */
export const VLLM_POOLING: Engine = {
  ...VLLM,
  id: 'vllm-pooling',
  tuningArgs: ctx => ['--runner=pooling', '--convert=embed', ...VLLM.tuningArgs(ctx)],
  ownedFlags: [...VLLM.ownedFlags, '--runner', '--convert', '--task'],
};
