import { KSERVE_MODELCAR_SETTING, KSERVE_VERSION } from '../../src/core/kserve-release';
import {
  KSERVE_RUNTIME_OPTIONS, validateKServeRuntimeArgs, VLLM_BACKEND_METRIC, vllmBackendStartupCheck,
} from '../../src/core/engines/kserve-runtime-args';
import { KSERVE_HUGGINGFACE_VLLM } from '../../src/core/engines/kserve-huggingface';
import { VLLM_METRICS } from '../../src/core/engines/vllm';
import { HuggingFaceModel, renderEmbeddingService, renderVllmPredictor, ServingMode, ValidationError } from '../../src/core';
import { expectPinned, UPSTREAM } from './upstream';

/**
 * KServe's Hugging Face runtime as read in kserve/kserve at v0.20.0: the options each parse stage
 * registers (`python/kserve/kserve/model_server.py` `parser`, `python/huggingfaceserver/huggingfaceserver/__main__.py`),
 * which of them only the Hugging Face backend reads (`encoder_model.py`), and the vLLM release of the
 * runtime's GPU image (`python/huggingface_server.Dockerfile`).
 */
const READ = {
  modelServer: [
    '--http_port', '--grpc_port', '--workers', '--max_threads', '--max_asyncio_workers', '--enable_grpc', '--enable_docs_url', '--enable_latency_logging',
    '--configure_logging', '--log_config_file', '--access_log_format', '--event-loop', '--timeout-keep-alive', '--model_name', '--predictor_host',
    '--protocol', '--predictor_protocol', '--predictor_use_ssl', '--predictor_request_timeout_seconds', '--grpc_max_send_message_length',
    '--grpc_max_receive_message_length', '--predictor_request_retries', '--enable_predictor_health_check',
  ],
  runtime: [
    '--model_dir', '--model_id', '--model_revision', '--tokenizer_revision', '--max_length', '--max_model_len', '--disable_lower_case', '--disable_special_tokens',
    '--trust_remote_code', '--tensor_input_names', '--backend', '--return_token_type_ids', '--return_offsets_mapping', '--return_probabilities',
    '--return_raw_logits', '--disable_log_requests',
  ],
  /** Added only in the `else` branch of `is_vllm_backend_enabled(...)`. */
  huggingFaceBackendOnly: ['--task', '--max_log_len', '--max-log-len', '--dtype'],
  readByHuggingFaceBackendOnly: ['--disable_lower_case', '--disable_special_tokens', '--tensor_input_names', '--return_token_type_ids',
    '--return_offsets_mapping', '--return_probabilities', '--return_raw_logits'],
  vllmVersion: '0.24.0',
  /** `config/configmap/inferenceservice.yaml`, `storageInitializer` (the block the install applies, not the commented example). */
  modelcar: { key: 'storageInitializer.enableModelcar', installedDefault: true },
};

const path = 'serving/chat';

test('the library pins the KServe release this contract was read at', () => {
  expectPinned(UPSTREAM.kserve, KSERVE_VERSION);
});

test('a changed KServe pin fails and names the runtime files to re-read', () => {
  expect(() => expectPinned(UPSTREAM.kserve, 'v0.21.0')).toThrow(/re-read python\/huggingfaceserver\/huggingfaceserver\/__main__\.py.*at v0\.21\.0/);
});

test('the runtime\'s parse stages match the library\'s data', () => {
  expect([...KSERVE_RUNTIME_OPTIONS.modelServer]).toEqual(READ.modelServer);
  expect([...KSERVE_RUNTIME_OPTIONS.runtime]).toEqual(READ.runtime);
  expect([...KSERVE_RUNTIME_OPTIONS.huggingFaceBackendOnly]).toEqual(READ.huggingFaceBackendOnly);
  expect([...KSERVE_RUNTIME_OPTIONS.readByHuggingFaceBackendOnly]).toEqual(READ.readByHuggingFaceBackendOnly);
  expect(KSERVE_RUNTIME_OPTIONS.vllmVersion).toBe(READ.vllmVersion);
  expect(KSERVE_MODELCAR_SETTING).toEqual(READ.modelcar);
});

test('every flag the library itself passes to the runtime survives its backend\'s parse', () => {
  const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28', trustRemoteCode: true });
  for (const mode of [ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS]) {
    const isvc = renderVllmPredictor({ model, mode }, { path, name: 'chat', namespace: 'ml' }).objects.find(o => o.kind === 'InferenceService') as any;
    expect(() => validateKServeRuntimeArgs(path, 'vllm', isvc.spec.predictor.model.args)).not.toThrow();
    const emb = renderEmbeddingService({ model: HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' }), mode },
      { path, name: 'emb', namespace: 'ml' }).objects.find(o => o.kind === 'InferenceService') as any;
    expect(() => validateKServeRuntimeArgs(path, 'huggingface', emb.spec.predictor.model.args)).not.toThrow();
  }
});

describe('mutations the contract catches (each refused with its fix)', () => {
  const cases: [string, 'vllm' | 'huggingface', string, string][] = [
    ['--task under the vLLM backend', 'vllm', '--task=text_generation', 'registers only for its Hugging Face backend'],
    ['--max_log_len under the vLLM backend', 'vllm', '--max_log_len=100', 'spell it "--max-log-len"'],
    ['a prefix of --max_log_len', 'vllm', '--max_log=100', 'is --max_log_len'],
    ['an HF-only option under vLLM', 'vllm', '--return_probabilities', 'has no effect with --backend=vllm'],
    ['an underscore-spelled vLLM flag', 'vllm', '--max_num_seqs=8', 'spell it with dashes: "--max-num-seqs=8"'],
    ['a vLLM flag under the Hugging Face backend', 'huggingface', '--gpu-memory-utilization=0.8', 'dropped silently'],
  ];
  test.each(cases)('%s', (_n, backend, arg, msg) => {
    expect(() => validateKServeRuntimeArgs(path, backend, [arg])).toThrow(ValidationError);
    expect(() => validateKServeRuntimeArgs(path, backend, [arg])).toThrow(msg);
  });

  test('what each backend keeps passes: runtime options, their prefixes, dash-spelled vLLM flags, values', () => {
    expect(() => validateKServeRuntimeArgs(path, 'vllm', ['--max-log-len=100', '--enable_docs', '--max-num-seqs', '8', '--dtype=half'])).not.toThrow();
    expect(() => validateKServeRuntimeArgs(path, 'huggingface', ['--max_log_len=100', '--task=fill_mask', '--return_probabilities', '--dtype', 'float32']))
      .not.toThrow();
  });
});

describe('the fallback check reads a metric vLLM registers when its engine starts', () => {
  test('the metric is one of the vLLM metrics the library uses, and the check names it', () => {
    expect(VLLM_BACKEND_METRIC).toBe(VLLM_METRICS.queue);
    const h = vllmBackendStartupCheck(8080, 'chat');
    expect(h.exec!.command.slice(0, 2)).toEqual(['python3', '-c']);
    expect(h.exec!.command[2]).toContain(VLLM_BACKEND_METRIC);
    expect(h.exec!.command.slice(3)).toEqual(['8080', 'chat']);
  });

  test('the KServe vLLM profile is the only one with the check', () => {
    expect(KSERVE_HUGGINGFACE_VLLM.probeHandlers).toBeDefined();
  });
});
