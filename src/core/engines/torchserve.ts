import { MODEL_DIR } from '../delivery';
import { IMAGES } from '../images';
import { OFFLINE_ENV } from '../pod-security';
import { Engine, EngineContext } from './engine';

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
  return String(ctx.tuning.models ?? '').split(',').filter(a => a !== '').map(archive => ({ name: archive.replace(/\.mar$/, ''), archive }));
}

/** The `config.properties` the server runs with: every security-relevant key written out, not left to defaults. */
export function torchServeConfig(ctx: EngineContext): string {
  const modelApi = ctx.tuning.modelApi === true;
  const models = torchServeModels(ctx);
  return [
    `# Rendered by hf-serving-constructs for TorchServePredictor "${ctx.name}". Mounted read-only.`,
    `inference_address=http://0.0.0.0:${ctx.port}`,
    // the management API answers only inside the pod unless the model API is on for named admin peers
    `management_address=http://${modelApi ? '0.0.0.0' : '127.0.0.1'}:${TORCHSERVE_MANAGEMENT_PORT}`,
    `metrics_address=http://0.0.0.0:${TORCHSERVE_METRICS_PORT}`,
    'grpc_inference_address=127.0.0.1',
    'grpc_management_address=127.0.0.1',
    `model_store=${MODEL_DIR}`,
    `load_models=${models.map(m => `${m.name}=${m.archive}`).join(',')}`,
    `enable_model_api=${modelApi}`,
    'disable_token_authorization=false',
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
 * Facts: `../shared/reference/engines-and-peers.md` §3.5, `security.md` §4.1.
 */
export const TORCHSERVE: Engine = {
  id: 'torchserve',
  image: gpus => (gpus > 0 ? IMAGES.torchserveGpu : IMAGES.torchserve),
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
  ownedFlags: [
    '--ts-config', '--model-store', '--models', '--foreground', '--ncs', '--no-config-snapshots', '--disable-token-auth', '--dt',
    '--enable-model-api', '--start', '--stop', '--workflow-store', '--plugins-path', '--ppath',
  ],
};
