import { HuggingFaceModel, ServingMode, VllmPredictor } from '../../src';
import { INFINITY_IMAGES } from '../../src/core/engines/infinity';
import { ENGINE_MODULES } from '../../src/core/engines/registry';
import { TEI_IMAGES } from '../../src/core/engines/tei';
import { TORCHSERVE, TORCHSERVE_IMAGES, torchServeConfig } from '../../src/core/engines/torchserve';
import { VLLM_IMAGES, VLLM_LORA_FLAGS, VLLM_TLS } from '../../src/core/engines/vllm';
import { KNATIVE_SERVING_VERSION } from '../../src/core/knative';
import { ISTIO, KNATIVE_USER_CONTAINER_SCHEME } from '../../src/core/tls';
import { KSERVE_VERSION } from '../../src/core/kserve-release';
import { podSpec, servingContainers, synth, testChart } from '../support/objects';
import { expectPinned, UPSTREAM } from './upstream';

/**
 * Facts behind the day-two props, as read upstream:
 * - vLLM (`vllm/engine/arg_utils.py`, `vllm/entrypoints/openai/cli_args.py`): static LoRA is
 *   `--enable-lora` plus `--lora-modules` with one or more items; `LoRAParserAction` reads an item
 *   holding `=` and no `,` as `name=path` (split on `=`, so neither part may hold one), anything else
 *   as JSON, and replaces the list on each occurrence of the flag.
 * - KServe's Hugging Face runtime (`huggingfaceserver/vllm/utils.py` `maybe_add_vllm_cli_parser` →
 *   vLLM's `make_arg_parser`; `vllm/vllm_model.py` passes `args.lora_modules` to `OpenAIServingModels`
 *   and calls `init_static_loras`; `__main__.py` registers each adapter name as a model): the same flags.
 * - KServe's storage initializer (`pkg/webhook/admission/pod/storage_initializer_injector.go`): its
 *   container is merged from the cluster's storage container spec and its CA bundle from the cluster
 *   config; nothing of the InferenceService reaches it, so no per-model proxy.
 */
const READ = {
  vllm: { release: 'v0.28.0', lora: { enable: '--enable-lora', modules: '--lora-modules' } },
  kserve: { release: 'v0.20.0', runtimePassesLora: true, storageInitializerTakesModelEnv: false },
};

const BASE = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
const ADAPTER = HuggingFaceModel.fromHub('acme/sql-lora', { revision: '1111111111111111111111111111111111111111' });

test('the library still pins the releases these facts were read at', () => {
  expectPinned(UPSTREAM.vllm, VLLM_IMAGES.vllm.split(':')[1], READ.vllm.release);
  expectPinned(UPSTREAM.kserve, KSERVE_VERSION, READ.kserve.release);
});

test('vLLM LoRA flags are spelled as read', () => {
  expect(VLLM_LORA_FLAGS).toEqual(READ.vllm.lora);
});

test.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('%s: one --lora-modules list whose items parse as name=path (one "=", no ",")', mode => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: BASE, mode, loraAdapters: [{ name: 'sql.v2_a', model: ADAPTER }] });
  const w = synth(chart).find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');
  const args = servingContainers(w)[0].args!;
  expect(args.filter(a => a === READ.vllm.lora.modules || a.startsWith(`${READ.vllm.lora.modules}=`))).toHaveLength(1);
  const item = args[args.indexOf(READ.vllm.lora.modules) + 1];
  expect(item.split('=')).toHaveLength(2);
  expect(item).not.toContain(',');
  // KServe's runtime passes vLLM's flags through, so KServe modes keep their runtime (no custom container)
  if (mode !== ServingMode.DEPLOYMENT) expect(Boolean(podSpec(w).model)).toBe(READ.kserve.runtimePassesLora);
});

test('with a downloadProxy, KServe mode does not rely on its storage initializer (it takes no per-model env)', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: BASE, downloadProxy: { httpsProxy: 'http://proxy:3128' } });
  const isvc = synth(chart).find(o => o.kind === 'InferenceService');
  expect(podSpec(isvc).model.storageUri === undefined).toBe(!READ.kserve.storageInitializerTakesModelEnv);
});

/**
 * TLS facts, as read: vLLM `FrontendArgs.ssl_keyfile` / `ssl_certfile` (`cli_args.py`); TorchServe
 * `config.properties` keys `private_key_file`, `certificate_file` and an `https://` address
 * (`ConfigManager.java`, `Connector.java`); no TLS in TEI's router (`router/src/main.rs`), Infinity's
 * CLI (`cli.py`) or KServe's REST server (`protocol/rest/server.py`); Knative's queue-proxy proxies to
 * `127.0.0.1:<port>` over plain HTTP (`pkg/queue/sharedmain/main.go`); SGLang's TLS options were not
 * read, so it is refused until they are; Istio (istio/api): PeerAuthentication
 * `security.istio.io/v1` with `mtls.mode: STRICT`, pod label `sidecar.istio.io/inject`, istiod on 15012.
 */
const TLS_READ = {
  vllm: ['--ssl-keyfile=/k', '--ssl-certfile=/c'],
  torchserve: { keyKey: 'private_key_file', certKey: 'certificate_file', scheme: 'https' },
  noTls: ['tei', 'infinity', 'kserve-huggingface-vllm', 'kserve-huggingface-embedding', 'sglang'],
  knativeUserScheme: 'http',
  istio: { peerAuthenticationApiVersion: 'security.istio.io/v1', injectLabel: 'sidecar.istio.io/inject', namespace: 'istio-system', xdsPort: 15012 },
};

test('TLS: the engines that have it, the ones that do not, and the releases read', () => {
  expectPinned(UPSTREAM.torchserve, TORCHSERVE_IMAGES.torchserve.split(':')[1].replace(/-cpu$/, ''), UPSTREAM.torchserve.tag.slice(1));
  expectPinned(UPSTREAM.tei, TEI_IMAGES.tei.split('-').pop()!, UPSTREAM.tei.tag.slice(1));
  expectPinned(UPSTREAM.infinity, INFINITY_IMAGES.infinityCpu.split(':')[1].split('-')[0], UPSTREAM.infinity.tag);
  expectPinned(UPSTREAM.knative, KNATIVE_SERVING_VERSION);
  expect(VLLM_TLS.args({ keyFile: '/k', certFile: '/c' })).toEqual(TLS_READ.vllm);
  const config = torchServeConfig({
    name: 'r', modelPath: '/m', gpus: 0, port: 8080, tuning: { models: ['r.mar'] }, tls: { keyFile: '/k', certFile: '/c' },
  });
  expect(config).toContain(`inference_address=${TLS_READ.torchserve.scheme}://0.0.0.0:8080`);
  expect(config).toContain(`${TLS_READ.torchserve.keyKey}=/k`);
  expect(config).toContain(`${TLS_READ.torchserve.certKey}=/c`);
  expect(TORCHSERVE.tls).toBeDefined();
  const profiles = ENGINE_MODULES.flatMap(m => m.profiles);
  expect(profiles.filter(p => !p.tls).map(p => p.id).sort()).toEqual([...TLS_READ.noTls].sort());
  expect(KNATIVE_USER_CONTAINER_SCHEME).toBe(TLS_READ.knativeUserScheme);
  expect(ISTIO).toEqual(TLS_READ.istio);
});
