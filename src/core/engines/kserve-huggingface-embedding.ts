import { OFFLINE_ENV } from '../pod-security';
import { KSERVE_HUGGINGFACE_RUNTIME } from './kserve-huggingface-runtime';
import { Engine, opt } from './engine';

/**
 * KServe's Hugging Face runtime (`kserve-huggingfaceserver`) with the plain Hugging Face backend and
 * the `text_embedding` task (mean pooling, L2-normalised), for sentence-transformers models.
 *
 * | decision          | how the runtime is told                                                  |
 * |-------------------|--------------------------------------------------------------------------|
 * | model             | `--model_name`, `--model_dir` (local), `--backend=huggingface`, `--task=text_embedding` |
 * | remote code       | `--trust_remote_code` (the runtime's own spelling; default off)           |
 * | pinned code       | `--model_revision`, `--tokenizer_revision`                               |
 * | safetensors only  | no flag: the download allow-list fetches no pickle files                  |
 * | API key           | none: the runtime has no API key check                                   |
 * | offline           | env `HF_HUB_OFFLINE=1`, `TRANSFORMERS_OFFLINE=1`, local `--model_dir`     |
 * | telemetry         | `HF_HUB_DISABLE_TELEMETRY=1`, `DO_NOT_TRACK=1` (set on every container)   |
 *
 * Routes on port 8080: V1 `GET /v1/models/<name>` (200 once loaded, else 503) and
 * `POST /v1/models/<name>:predict`, V2 `POST /v2/models/<name>/infer`, OpenAI
 * `POST /openai/v1/embeddings`, `GET /` (live), `GET /metrics`.
 * Facts: `../shared/reference/kserve.md` §2.1, §2.2, §2.6.
 */
export const KSERVE_HUGGINGFACE_EMBEDDING: Engine = {
  id: 'kserve-huggingface-embedding',
  ...KSERVE_HUGGINGFACE_RUNTIME,
  switches: {
    modelArgs: ctx => [`--model_name=${ctx.name}`, `--model_dir=${ctx.modelPath}`, '--backend=huggingface', '--task=text_embedding'],
    trustRemoteCode: { on: ['--trust_remote_code'], off: [] },
    pinRevisions: c => [`--model_revision=${c}`, `--tokenizer_revision=${c}`],
    safetensorsOnly: [],
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [],
  },
  tuningArgs: ctx => [...opt('--max_model_len', ctx.tuning.maxModelLen), '--disable_log_requests'],
  scratch: [{ name: 'hf-cache', mountPath: '/var/cache/huggingface', sizeLimit: '1Gi', env: ['HF_HOME'] }],
  ownedFlags: [
    '--model-name', '--model-dir', '--model-id', '--backend', '--task', '--trust-remote-code', '--model-revision',
    '--tokenizer-revision', '--max-model-len', '--max-length', '--disable-log-requests', '--http-port',
  ],
};
