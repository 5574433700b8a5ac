import {
  blockingFindings, EmbeddingBackend, HuggingFaceEmbeddingService, HuggingFaceModel, KnativeFeature, policyReport, ServingMode,
  TorchServePredictor, VllmPredictor,
} from '../../src';
import { CERTIFICATE_PRIVATE_KEY, ISTIO, ISTIOD_EGRESS, TLS_DIR, validateTls } from '../../src/core/tls';
import { only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const QWEN = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
const GTE = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const issuer = { certificate: { issuerRef: { name: 'internal-ca', kind: 'ClusterIssuer' as const } } };
const workload = (objects: any[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');

describe.each([ServingMode.KSERVE, ServingMode.DEPLOYMENT])('VllmPredictor tls with a cert-manager issuer, %s', mode => {
  const chart = testChart();
  const llm = new VllmPredictor(chart, 'chat', { model: QWEN, mode, tls: issuer });
  const objects = synth(chart);
  const w = workload(objects);
  const server = servingContainers(w)[0];
  const host = mode === ServingMode.KSERVE ? 'chat-predictor' : 'chat';

  test('a Certificate for the Service\'s names, RSA, from the issuer', () => {
    const cert = only(objects, 'Certificate');
    expect(cert.apiVersion).toBe('cert-manager.io/v1');
    expect(cert.spec.secretName).toBe('chat-tls');
    expect(cert.spec.dnsNames).toEqual([host, `${host}.ml-serving`, `${host}.ml-serving.svc`, `${host}.ml-serving.svc.cluster.local`]);
    expect(cert.spec.issuerRef).toEqual({ name: 'internal-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' });
    expect(cert.spec.privateKey).toEqual(CERTIFICATE_PRIVATE_KEY);
  });

  test('vLLM terminates TLS itself (upstream server, also in KServe mode), from the Secret mounted read-only; probes use HTTPS', () => {
    expect(server.image).toMatch(/^vllm\/vllm-openai:/);
    expect(server.args).toEqual(expect.arrayContaining([`--ssl-keyfile=${TLS_DIR}/tls.key`, `--ssl-certfile=${TLS_DIR}/tls.crt`]));
    expect(server.volumeMounts).toContainEqual({ name: 'serving-tls', mountPath: TLS_DIR, readOnly: true });
    expect(podSpec(w).volumes).toContainEqual({ name: 'serving-tls', secret: { secretName: 'chat-tls' } });
    for (const p of [server.startupProbe, server.readinessProbe, server.livenessProbe]) expect(p!.httpGet!.scheme).toBe('HTTPS');
  });

  test('the URL is https', () => {
    expect(llm.url).toMatch(/^https:\/\//);
  });

  test('checkManifests finds no error', () => {
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
  });
});

test('default: no tls, no mesh — plain HTTP probes and Service, no Certificate or PeerAuthentication', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: QWEN, mode: ServingMode.DEPLOYMENT });
  const objects = synth(chart);
  expect(objects.map(o => o.kind)).not.toEqual(expect.arrayContaining(['Certificate']));
  expect(objects.map(o => o.kind)).not.toContain('PeerAuthentication');
  expect(servingContainers(workload(objects))[0].readinessProbe!.httpGet!.scheme).toBeUndefined();
  expect(only(objects, 'Service').spec.ports[0].port).toBe(80);
});

test('a Deployment with tls: the Service listens on 443; your own Secret by name (no Certificate)', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: QWEN, mode: ServingMode.DEPLOYMENT, tls: { certificate: { secretName: 'chat-cert' } } });
  const objects = synth(chart);
  expect(only(objects, 'Service').spec.ports).toEqual([{ name: 'https', port: 443, targetPort: 'http', protocol: 'TCP', appProtocol: 'https' }]);
  expect(objects.filter(o => o.kind === 'Certificate')).toEqual([]);
  expect(podSpec(only(objects, 'Deployment')).volumes).toContainEqual({ name: 'serving-tls', secret: { secretName: 'chat-cert' } });
});

test('TorchServe: https inference address and the PEM files in config.properties', () => {
  const chart = testChart();
  new TorchServePredictor(chart, 'resnet', {
    storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode: ServingMode.DEPLOYMENT, tls: issuer,
  });
  const objects = synth(chart);
  const config = only(objects, 'ConfigMap').data['config.properties'] as string;
  expect(config).toContain('inference_address=https://0.0.0.0:8080');
  expect(config).toContain(`private_key_file=${TLS_DIR}/tls.key`);
  expect(config).toContain(`certificate_file=${TLS_DIR}/tls.crt`);
  expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
});

test.each([
  [{ mode: ServingMode.KSERVE_SERVERLESS, tls: issuer }, /queue-proxy reaches the container over http.*mesh: "istio"/s],
  [{ tls: issuer, expose: { gateway: { name: 'gw', namespace: 'gateway-system' }, hostnames: ['a.example.com'] } }, /Gateway would speak plain HTTP/],
  [{ tls: issuer, mesh: 'istio' }, /give one of tls and mesh/],
  [{ mesh: 'linkerd' }, /mesh "linkerd" is not a mesh the library knows/],
  [{ tls: { certificate: { issuerRef: { name: 'ca' }, secretName: 'x' } } }, /exactly one of issuerRef and secretName/],
  [{ tls: { certificate: { issuerRef: { name: 'ca', kind: 'Vault' } } } }, /issuerRef.kind "Vault"/],
])('VllmPredictor refuses %j', (props, message) => {
  expect(() => new VllmPredictor(testChart(), 'chat', { model: QWEN, ...props } as never)).toThrow(message);
});

test.each([EmbeddingBackend.TEI, EmbeddingBackend.INFINITY, EmbeddingBackend.KSERVE])('an engine without TLS (%s) is refused, naming the mesh', backend => {
  expect(() => new HuggingFaceEmbeddingService(testChart(), 'embed', { model: GTE, backend, mode: ServingMode.DEPLOYMENT, tls: issuer }))
    .toThrow(/plain HTTP only.*mesh: "istio"/s);
});

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('mesh: istio, %s', mode => {
  const chart = testChart();
  const features = mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] } : {};
  new HuggingFaceEmbeddingService(chart, 'embed', { model: GTE, backend: EmbeddingBackend.TEI, mode, mesh: 'istio', ...features });
  const objects = synth(chart);

  test('a STRICT PeerAuthentication selecting exactly the model\'s pods', () => {
    const pa = only(objects, 'PeerAuthentication');
    expect(pa.apiVersion).toBe('security.istio.io/v1');
    expect(pa.spec).toEqual({ selector: { matchLabels: { 'app.kubernetes.io/instance': 'embed', 'app.kubernetes.io/component': expect.any(String) } },
      mtls: { mode: 'STRICT' } });
  });

  test('the pods ask for the sidecar, and may reach istiod', () => {
    const w = workload(objects);
    const labels = w.kind === 'InferenceService' ? w.spec.predictor.labels : w.spec.template.metadata.labels;
    expect(labels[ISTIO.injectLabel]).toBe('true');
    expect(only(objects, 'NetworkPolicy', 'embed-allow').spec.egress).toContainEqual(ISTIOD_EGRESS);
  });

  test('checkManifests finds no error', () => {
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
  });
});

test('validateTls refuses a malformed certificate', () => {
  expect(() => validateTls('p', { certificate: 'x' } as never, undefined)).toThrow(/tls.certificate/);
  expect(() => validateTls('p', { certificate: { secretName: 'Bad_Name' } }, undefined)).toThrow(/secretName "Bad_Name"/);
});

test('defaults: an issuerRef without kind or group names a cert-manager Issuer; the Secret is mounted at /etc/hf-serving/tls', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: QWEN, mode: ServingMode.DEPLOYMENT, tls: { certificate: { issuerRef: { name: 'ns-ca' } } } });
  expect(only(synth(chart), 'Certificate').spec.issuerRef).toEqual({ name: 'ns-ca', kind: 'Issuer', group: 'cert-manager.io' });
  expect(TLS_DIR).toBe('/etc/hf-serving/tls');
  expect(CERTIFICATE_PRIVATE_KEY).toEqual({ algorithm: 'RSA', size: 2048, encoding: 'PKCS8', rotationPolicy: 'Always' });
});
