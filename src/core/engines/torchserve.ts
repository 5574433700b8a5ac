import { MODEL_DIR } from '../paths';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineContext, EngineModule, EngineTls } from './engine';

/**
 * TorchServe's own TLS, set in `config.properties`: an `https://` `inference_address` and the PEM
 * files `private_key_file` (RSA only, PKCS#8 or PKCS#1) and `certificate_file`
 * (pytorch/serve v0.12.0 `frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java`
 * `getSslContext`, `loadPrivateKey`; `util/Connector.java`: `https` selects TLS). The management and
 * metrics addresses stay HTTP (inside the pod, or open only to their NetworkPolicy peers).
 */
export const TORCHSERVE_TLS: EngineTls = {
  args: () => [],
  source: 'pytorch/serve v0.12.0 frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java (private_key_file, certificate_file)',
};

/**
 * TorchServe 0.12.0 images: token authorization on and the model API off by default (since 0.11.0).
 * The project is in limited maintenance upstream (no further security patches).
 */
export const TORCHSERVE_IMAGES = {
  /** CPU build. */
  torchserve: 'pytorch/torchserve:0.12.0-cpu',
  /** CUDA build. */
  torchserveGpu: 'pytorch/torchserve:0.12.0-gpu',
} as const;

/** Where the rendered `config.properties` is mounted (read-only, from ConfigMap `<name>-config`). */
export const TORCHSERVE_CONFIG_DIR = '/etc/torchserve';
/** TorchServe's management API port. */
export const TORCHSERVE_MANAGEMENT_PORT = 8081;
/** TorchServe's metrics API port (Prometheus format). */
export const TORCHSERVE_METRICS_PORT = 8082;
/** Working directory: TorchServe writes `key_file.json` (its tokens) and its logs here. */
export const TORCHSERVE_WORK_DIR = '/home/model-server/work';

/**
 * Environment names hidden from handler code (`blacklist_env_vars`, a Java regex matched against the
 * whole name): anything that looks like a token, secret or key.
 */
export const TORCHSERVE_HIDDEN_ENV = '(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|BEARER|API_?KEY|CREDENTIAL|PRIVATE_?KEY).*';

/** Model names (`resnet-18`) of the archives (`resnet-18.mar`) in `ctx.tuning.models`. */
export function torchServeModels(ctx: EngineContext): { name: string; archive: string }[] {
  return (ctx.tuning.models ?? []).map(archive => ({ name: archive.replace(/\.mar$/, ''), archive }));
}

/**
 * Lifetime of TorchServe's inference and management keys, in minutes (`token_expiration_min`,
 * read as a number of minutes by `ConfigManager.getTimeToExpiration`, default 60, in pytorch/serve
 * v0.12.0; `TokenAuthorization` refuses a key after it and renews it only through the management
 * API's `/token`, which nothing in or out of the pod calls). Ten years: longer than any pod lives, so
 * the keys the startup check and clients use stay valid for the pod's whole life. A pod restart
 * writes new keys either way.
 * @default 5256000
 */
export const TORCHSERVE_TOKEN_EXPIRATION_MINUTES = 5_256_000;

/** The `config.properties` the server runs with: every security-relevant key written out, not left to defaults. */
export function torchServeConfig(ctx: EngineContext): string {
  const modelApi = ctx.tuning.modelApi === true;
  const models = torchServeModels(ctx);
  return [
    `# Rendered by hf-serving-constructs for TorchServePredictor "${ctx.name}". Mounted read-only.`,
    `inference_address=${ctx.tls ? 'https' : 'http'}://0.0.0.0:${ctx.port}`,
    ...(ctx.tls ? [`private_key_file=${ctx.tls.keyFile}`, `certificate_file=${ctx.tls.certFile}`] : []),
    // the management API answers only inside the pod unless the model API is on for named admin peers
    `management_address=http://${modelApi ? '0.0.0.0' : '127.0.0.1'}:${TORCHSERVE_MANAGEMENT_PORT}`,
    `metrics_address=http://0.0.0.0:${TORCHSERVE_METRICS_PORT}`,
    'grpc_inference_address=127.0.0.1',
    'grpc_management_address=127.0.0.1',
    `model_store=${MODEL_DIR}`,
    `load_models=${models.map(m => `${m.name}=${m.archive}`).join(',')}`,
    `enable_model_api=${modelApi}`,
    'disable_token_authorization=false',
    `token_expiration_min=${TORCHSERVE_TOKEN_EXPIRATION_MINUTES}`,
    'enable_envvars_config=false',
    `allowed_urls=file://${MODEL_DIR}/.*`,
    'install_py_dep_per_model=false',
    `blacklist_env_vars=${TORCHSERVE_HIDDEN_ENV}`,
    'metrics_mode=prometheus',
    '',
  ].join('\n');
}

/**
 * The startup check: every model has a READY worker, asked on the in-pod management API with the
 * management key TorchServe wrote to `key_file.json` (token authorization stays on, so an HTTP probe
 * would get 400). Run with the model names as arguments.
 */
export const TORCHSERVE_READY_SCRIPT = [
  'import json, sys, urllib.request',
  `key = json.load(open('${TORCHSERVE_WORK_DIR}/key_file.json'))['management']['key']`,
  'for name in sys.argv[1:]:',
  `    req = urllib.request.Request('http://127.0.0.1:${TORCHSERVE_MANAGEMENT_PORT}/models/' + name, headers={'Authorization': 'Bearer ' + key})`,
  '    described = json.load(urllib.request.urlopen(req, timeout=4))',
  "    if not any(w.get('status') == 'READY' for m in described for w in m.get('workers', [])):",
  '        sys.exit(1)',
].join('\n');

/**
 * TorchServe (upstream `pytorch/torchserve` image, 0.12.0: token authorization on and the model API
 * off by default since 0.11.0). In limited maintenance upstream: no further security patches.
 *
 * | decision          | how TorchServe is told                                                   |
 * |-------------------|--------------------------------------------------------------------------|
 * | models            | `load_models=<name>=<file>.mar,...` from the read-only `model_store`     |
 * | model API         | `enable_model_api=false` (true only with `ModelControl.EXPLICIT`)        |
 * | token auth        | `disable_token_authorization=false`; keys in `<workingDir>/key_file.json` |
 * | registration URLs | `allowed_urls=file:///mnt/models/.*` (the model store only)               |
 * | per-model pip     | `install_py_dep_per_model=false`                                          |
 * | env in handlers   | `blacklist_env_vars` hides token-like names; `enable_envvars_config=false` |
 * | config            | `--ts-config` from a read-only ConfigMap, `--ncs` (no snapshots), `--foreground` |
 *
 * Ports: inference 8080 (the only one in any Service), management 8081 (bound to 127.0.0.1 unless
 * EXPLICIT), metrics 8082 (not in any Service; default-deny NetworkPolicy), gRPC on 127.0.0.1.
 * Probes: startup = {@link TORCHSERVE_READY_SCRIPT} (exec); readiness and liveness = TCP on the
 * inference port (`/ping` answers 400 without a token, and 200 before the model is loaded).
 * Facts: pytorch/serve v0.12.0 `docs/configuration.md`, `docs/token_authorization_api.md`,
 * `docs/model_api_control.md`, `frontend/server/src/main/java/org/pytorch/serve/util/ConfigManager.java`.
 */
export const TORCHSERVE: Engine = {
  id: 'torchserve',
  image: gpus => (gpus > 0 ? TORCHSERVE_IMAGES.torchserveGpu : TORCHSERVE_IMAGES.torchserve),
  defaultPort: 8080,
  command: () => ['torchserve'],
  listenArgs: () => ['--foreground', '--ncs', `--ts-config=${TORCHSERVE_CONFIG_DIR}/config.properties`],
  routes: {
    startup: ctx => `/models/${torchServeModels(ctx)[0]?.name ?? ''}`,
    readiness: () => '/ping',
    liveness: () => '/ping',
    metrics: '/metrics',
    // TorchServe has no OpenAI API: this is the base of its inference API (`/predictions/<model>`)
    openaiBase: '/predictions',
  },
  switches: {
    modelArgs: () => [],
    trustRemoteCode: { on: [], off: [] },
    pinRevisions: () => [],
    safetensorsOnly: [],
    offlineEnv: OFFLINE_ENV,
    telemetryEnv: [],
  },
  tuningArgs: () => [],
  tls: TORCHSERVE_TLS,
  workingDir: TORCHSERVE_WORK_DIR,
  probeHandlers: ctx => ({
    startup: { exec: { command: ['python', '-c', TORCHSERVE_READY_SCRIPT, ...torchServeModels(ctx).map(m => m.name)] } },
    readiness: { tcpSocket: { port: ctx.port } },
    liveness: { tcpSocket: { port: ctx.port } },
  }),
  configFiles: ctx => ({ mountPath: TORCHSERVE_CONFIG_DIR, files: { 'config.properties': torchServeConfig(ctx) } }),
  scratch: [
    { name: 'ts-work', mountPath: TORCHSERVE_WORK_DIR, sizeLimit: '1Gi', env: ['LOG_LOCATION:logs', 'METRICS_LOCATION:logs'] },
    { name: 'ts-tmp', mountPath: '/home/model-server/tmp', sizeLimit: '10Gi', env: ['TEMP'] },
  ],
  ownedFlags: {
    '--ts-config': 'the rendered config.properties (ConfigMap <name>-config)', '--model-store': 'storageUri', '--models': 'models',
    '--foreground': null, '--ncs': null, '--no-config-snapshots': null, '--disable-token-auth': null, '--dt': null,
    '--enable-model-api': 'modelControl', '--start': null, '--stop': null, '--workflow-store': null, '--plugins-path': null, '--ppath': null,
  },
};

/**
 * TorchServe. Its launcher parses flags with Python argparse, `allow_abbrev` left on
 * (pytorch/serve v0.12.0 `ts/arg_parser.py`); settings live in `config.properties`, and with
 * `enable_envvars_config` also in `TS_*` env.
 */
export const TORCHSERVE_MODULE: EngineModule = {
  id: 'torchserve',
  images: TORCHSERVE_IMAGES,
  cli: { parser: 'argparse', allowAbbrev: true, underscoreIsDash: false, source: 'pytorch/serve v0.12.0 ts/arg_parser.py' },
  signature: {
    engine: 'torchserve',
    images: ['pytorch/torchserve', 'pytorch/torchserve-kfs'],
    commands: ['torchserve'],
    modelFormats: ['pytorch'],
    frameworkKeys: ['pytorch'],
    model: { flags: [], env: [] },
    revision: { flags: [], env: [], code: [], tokenizer: [] },
    tokenAuth: { name: 'TorchServe token authorization', disableFlags: ['--disable-token-auth'], disableEnv: ['TS_DISABLE_TOKEN_AUTHORIZATION'] },
    modelApi: { enableFlags: ['--enable-model-api'], enableEnv: ['TS_ENABLE_MODEL_API'] },
    configEnv: ['TS_CONFIG_FILE'],
    telemetry: {},
    needsGpu: false,
    // 0.11.1: token authorization and model API control on by default, also for gRPC
    minimumVersion: '0.11.1',
  },
  forbidden: [],
  secrets: { flags: [], env: [], hubTokenFlags: [] },
  profiles: [TORCHSERVE],
};
