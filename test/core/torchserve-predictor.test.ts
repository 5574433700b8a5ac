import { HuggingFaceModel, IMAGES, ModelControl, ServingMode } from '../../src';
import { CONFIG_DIGEST_ENV } from '../../src/core/serving';
import { renderTorchServePredictor, TorchServePredictorProps } from '../../src/core/torchserve-predictor';
import { TORCHSERVE_TOKEN_EXPIRATION_MINUTES } from '../../src/core/engines/torchserve';
import { envMap, only, podSpec, servingContainers } from '../support/objects';
import { KnativeFeature } from '../../src/core/knative';

const ctx = { path: 'serving/resnet', name: 'resnet', namespace: 'ml-serving' };
const base: TorchServePredictorProps = { storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'] };
const render = (p: Partial<TorchServePredictorProps> = {}) => renderTorchServePredictor({ ...base, ...p }, ctx);
const workload = (r: ReturnType<typeof render>) => r.objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
const server = (r: ReturnType<typeof render>) => servingContainers(workload(r))[0] as any;
const config = (r: ReturnType<typeof render>): Record<string, string> => Object.fromEntries(
  (only(r.objects, 'ConfigMap', 'resnet-config').data['config.properties'] as string).split('\n')
    .filter(l => l.includes('=') && !l.startsWith('#')).map(l => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
);
const allowIngress = (r: ReturnType<typeof render>) => only(r.objects, 'NetworkPolicy', 'resnet-allow').spec.ingress;
const sha = 'a'.repeat(64);

test('TorchServe takes no Hugging Face model: the props type has no model field', () => {
  const model = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: 'a'.repeat(40) });
  // @ts-expect-error model is not a TorchServePredictor prop (tsc fails here if it ever becomes one)
  const props: TorchServePredictorProps = { ...base, model };
  expect(props.storageUri).toBe('pvc://model-store/resnet');
});

describe('secure defaults (one test per default)', () => {
  test('models are registered at start and the model API is off', () => {
    expect(config(render())).toMatchObject({ load_models: 'resnet-18=resnet-18.mar', enable_model_api: 'false', model_store: '/mnt/models' });
  });

  test('token authorization stays on and environment cannot reconfigure it', () => {
    expect(config(render())).toMatchObject({ disable_token_authorization: 'false', enable_envvars_config: 'false' });
    expect(server(render()).args).not.toContain('--disable-token-auth');
  });

  test('the keys live ten years (longer than any pod), so clients and the startup check keep working past TorchServe\'s 60 minutes', () => {
    expect(TORCHSERVE_TOKEN_EXPIRATION_MINUTES).toBe(5_256_000);
    expect(config(render()).token_expiration_min).toBe('5256000');
    expect(() => render({ startupTimeoutSeconds: 7200 })).not.toThrow();
  });

  test('registration URLs are restricted to the model store', () => {
    expect(config(render()).allowed_urls).toBe('file:///mnt/models/.*');
  });

  test('no per-model pip installs, token-like environment hidden from handlers', () => {
    const c = config(render());
    expect(c.install_py_dep_per_model).toBe('false');
    const hidden = new RegExp(c.blacklist_env_vars.replace('(?i)', ''), 'i');
    for (const name of ['HF_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'MY_PASSWORD']) expect(hidden.test(name)).toBe(true);
    expect(hidden.test('TEMP')).toBe(false);
  });

  test('management API bound to the pod only; metrics and management ports in no Service and no allow rule', () => {
    const r = render({ mode: ServingMode.DEPLOYMENT });
    expect(config(r)).toMatchObject({ management_address: 'http://127.0.0.1:8081', inference_address: 'http://0.0.0.0:8080', grpc_management_address: '127.0.0.1' });
    expect(only(r.objects, 'Service').spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
    expect(server(r).ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(allowIngress(r).flatMap((rule: any) => rule.ports.map((p: any) => p.port))).toEqual([8080]);
  });

  test('config.properties is a ConfigMap mounted read-only, passed with --ts-config, no snapshots, in the foreground', () => {
    const r = render();
    const c = server(r);
    expect(c.command).toEqual(['torchserve']);
    expect(c.args).toEqual(['--foreground', '--ncs', '--ts-config=/etc/torchserve/config.properties']);
    expect(c.volumeMounts).toContainEqual({ name: 'config', mountPath: '/etc/torchserve', readOnly: true });
    expect(podSpec(workload(r)).volumes).toContainEqual({ name: 'config', configMap: { name: 'resnet-config' } });
  });

  test('key_file.json lands in a writable working directory while the root filesystem stays read-only', () => {
    const r = render();
    const c = server(r);
    expect(c.workingDir).toBe('/home/model-server/work');
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.volumeMounts).toContainEqual({ name: 'ts-work', mountPath: '/home/model-server/work' });
    expect(podSpec(workload(r)).volumes).toContainEqual({ name: 'ts-work', emptyDir: { sizeLimit: '1Gi' } });
    expect(envMap(c).TEMP).toBe('/home/model-server/tmp');
  });

  test('probes work with token authorization: exec ready check at startup, TCP afterwards, no HTTP probe', () => {
    const c = server(render());
    expect(c.startupProbe.exec.command.slice(0, 2)).toEqual(['python', '-c']);
    expect(c.startupProbe.exec.command[2]).toContain("/home/model-server/work/key_file.json'))['management']['key']");
    expect(c.startupProbe.exec.command[2]).toContain('http://127.0.0.1:8081/models/');
    expect(c.startupProbe.exec.command.slice(3)).toEqual(['resnet-18']);
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 8080 });
    expect(JSON.stringify([c.startupProbe, c.readinessProbe, c.livenessProbe])).not.toContain('httpGet');
  });

  test('the model store is the claim, read-only, with no download and no egress but DNS', () => {
    const r = render({ mode: ServingMode.DEPLOYMENT });
    expect(podSpec(workload(r)).volumes).toContainEqual({ name: 'model-store', persistentVolumeClaim: { claimName: 'model-store', readOnly: true } });
    expect(server(r).volumeMounts).toContainEqual({ name: 'model-store', mountPath: '/mnt/models', readOnly: true, subPath: 'resnet' });
    expect(podSpec(workload(r)).initContainers).toBeUndefined();
    expect(only(r.objects, 'NetworkPolicy', 'resnet-allow').spec.egress).toHaveLength(1);
  });

  test('image pinned at TorchServe 0.12.0 (0.11 security defaults); GPU build on request', () => {
    expect(server(render()).image).toBe('pytorch/torchserve:0.12.0-cpu');
    expect(server(render({ gpus: 1 })).image).toBe(IMAGES.torchserveGpu);
  });
});

test('KServe mode: an InferenceService with TorchServe as its predictor container on port 8080', () => {
  const isvc = workload(render());
  expect(isvc.kind).toBe('InferenceService');
  expect(isvc.metadata.annotations['serving.kserve.io/deploymentMode']).toBe('Standard');
  expect(isvc.spec.predictor.model).toBeUndefined();
  expect(isvc.spec.predictor.containers.map((c: any) => [c.name, c.ports])).toEqual([['kserve-container', [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }]]]);
  expect(render().endpoints).toEqual({ url: 'http://resnet-predictor.ml-serving.svc.cluster.local', predictions: { 'resnet-18': '/predictions/resnet-18' } });
});

test('DEPLOYMENT mode endpoints', () => {
  expect(render({ mode: ServingMode.DEPLOYMENT, models: ['a.mar', 'b.mar'] }).endpoints)
    .toEqual({ url: 'http://resnet.ml-serving.svc.cluster.local', predictions: { a: '/predictions/a', b: '/predictions/b' } });
});

test('ModelControl.EXPLICIT turns the model API on and opens the management port to the admin peers only', () => {
  const admins = [{ namespace: 'ml-admin', podLabels: { app: 'model-admin' } }];
  const r = render({ modelControl: ModelControl.EXPLICIT, managementAllowFrom: admins, mode: ServingMode.DEPLOYMENT });
  expect(config(r)).toMatchObject({ enable_model_api: 'true', management_address: 'http://0.0.0.0:8081', disable_token_authorization: 'false' });
  expect(allowIngress(r)[1]).toEqual({
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ml-admin' } }, podSelector: { matchLabels: { app: 'model-admin' } } }],
    ports: [{ protocol: 'TCP', port: 8081 }],
  });
  expect(only(r.objects, 'Service').spec.ports.map((p: any) => p.port)).toEqual([80]);
});

test('a config change rolls the pods (the container carries the config digest)', () => {
  const admins = [{ namespace: 'ml-admin' }];
  const off = envMap(server(render()))[CONFIG_DIGEST_ENV];
  const on = envMap(server(render({ modelControl: ModelControl.EXPLICIT, managementAllowFrom: admins })))[CONFIG_DIGEST_ENV];
  expect(off).toMatch(/^[0-9a-f]{64}$/);
  expect(on).not.toBe(off);
});

test('with digests, an init container checks the store with sha256sum -c before the server starts', () => {
  const r = render({ sha256: { 'resnet-18.mar': sha } });
  const [verify] = podSpec(workload(r)).initContainers;
  expect(verify.name).toBe('model-verify');
  expect(verify.command[2]).toContain(`printf '%s\\n' '${sha}  resnet-18.mar' | sha256sum -c -`);
  expect(verify.volumeMounts).toEqual([{ name: 'model-store', mountPath: '/mnt/models', readOnly: true, subPath: 'resnet' }]);
  expect(verify.securityContext.readOnlyRootFilesystem).toBe(true);
});

describe('errors name the field, the value and the fix', () => {
  test('an empty model list', () => {
    expect(() => render({ models: [] })).toThrow('serving/resnet: models [] lists no model archive; name the archives to register at start');
  });

  test('a model that is not a .mar archive', () => {
    expect(() => render({ models: ['resnet-18.pt'] })).toThrow('serving/resnet: models[0] "resnet-18.pt" is not a model archive file name; give a file name in the model store ending in ".mar"');
    expect(() => render({ models: ['../x.mar'] })).toThrow('models[0] "../x.mar" is not a model archive file name');
  });

  test('a model listed twice', () => {
    expect(() => render({ models: ['a.mar', 'a.mar'] })).toThrow('models[1] "a.mar" is listed twice');
  });

  test('EXPLICIT without admin peers', () => {
    expect(() => render({ modelControl: ModelControl.EXPLICIT }))
      .toThrow('serving/resnet: managementAllowFrom (unset) names no admin peers, but modelControl is EXPLICIT; list the pods that may manage models');
  });

  test('admin peers while the model API is off', () => {
    expect(() => render({ managementAllowFrom: [{ namespace: 'ml-admin' }] })).toThrow('managementAllowFrom [{"namespace":"ml-admin"}] has no effect: the model API is off');
  });

  test('an admin peer that selects every pod', () => {
    expect(() => render({ modelControl: ModelControl.EXPLICIT, managementAllowFrom: [{}] })).toThrow("managementAllowFrom[0] {} selects every pod of the model's namespace");
  });

  test('a store that is not pvc://', () => {
    expect(() => render({ storageUri: 's3://bucket/resnet' })).toThrow('serving/resnet: storageUri "s3://bucket/resnet" is not a pvc:// URI of an existing claim; give pvc://<claim name>/<directory>');
    expect(() => render({ storageUri: 'pvc://model-store/../etc' })).toThrow('storageUri "pvc://model-store/../etc" is not a pvc:// URI');
  });

  test('a bad digest or file in sha256', () => {
    expect(() => render({ sha256: { 'resnet-18.mar': 'abc' } })).toThrow('sha256["resnet-18.mar"] "abc" is not a SHA-256 digest');
    expect(() => render({ sha256: { "x'; rm -rf /": sha } })).toThrow('is not a relative file path inside the model store');
  });

  test('Knative mode without the claim\'s Knative flag (the store is a PVC)', () => {
    expect(() => render({ mode: ServingMode.KSERVE_SERVERLESS })).toThrow('"kubernetes.podspec-persistent-volume-claim: enabled"');
  });

  test('environment that overrides the configuration', () => {
    expect(() => render({ env: { TS_CONFIG_FILE: '/tmp/x' } })).toThrow('env.TS_CONFIG_FILE "/tmp/x" would override the rendered TorchServe configuration');
  });

  test('a download size for a store that is never downloaded', () => {
    expect(() => render({ resources: { modelStorage: '10Gi' } })).toThrow('resources.modelStorage "10Gi" has no effect: nothing downloads, the model store is the claim');
  });

  test('extraArgs that turn protections off', () => {
    expect(() => render({ extraArgs: ['--disable-token-auth'] })).toThrow('extraArgs[0] "--disable-token-auth" sets --disable-token-auth, which the construct owns');
    expect(() => render({ extraArgs: ['--enable-model-api'] })).toThrow('use the modelControl prop instead');
  });
});

test('Knative mode: the startup check runs there too (Knative accepts startup probes since v1.15), with the claim flag declared', () => {
  const r = render({ mode: ServingMode.KSERVE_SERVERLESS, knativeFeatures: [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM] });
  const c = servingContainers(only(r.objects, 'InferenceService'))[0] as any;
  expect(c.startupProbe.exec.command[0]).toBe('python');
  expect(c.readinessProbe.tcpSocket).toEqual({ port: 8080 });
  expect(only(r.objects, 'InferenceService').spec.predictor.annotations['serving.knative.dev/progress-deadline']).toBeDefined();
});
