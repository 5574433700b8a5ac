import {
  blockingFindings, EmbeddingBackend, HuggingFaceEmbeddingService, policyReport, HuggingFaceModel, KnativeFeature, ModelCache, SecretRef,
  ServingMode, VllmPredictor,
} from '../../src';
import { validateDownloadProxy } from '../../src/core/download-proxy';
import { HTTPS_EGRESS } from '../../src/core/network';
import { allContainers, envMap, only, podSpec, servingContainers, synth, testChart } from '../support/objects';

const COMMIT = '7ae557604adf67be50417f59c2c2f167def9a775';
const qwen = () => HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: COMMIT });
const proxy = { httpsProxy: 'http://proxy.corp.example:3128', noProxy: '.svc,.cluster.local', caBundle: { name: 'corp-ca', key: 'ca.crt' } };
const PROXY_NAMES = ['HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'SSL_CERT_FILE', 'AWS_CA_BUNDLE'];
const PROXY_EGRESS = { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }], ports: [{ protocol: 'TCP', port: 3128 }] };
const initFeature = (mode: ServingMode) => (mode === ServingMode.KSERVE_SERVERLESS
  ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] } : {});
const workload = (objects: any[]) => objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment');
const egressOf = (objects: any[], name: string) => only(objects, 'NetworkPolicy', name).spec.egress;

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS, ServingMode.DEPLOYMENT])('downloadProxy on VllmPredictor downloading in the pod, %s', mode => {
  const chart = testChart();
  // the in-pod download (by default the weights come from a cache made for the model, whose Job gets the proxy)
  new VllmPredictor(chart, 'chat', {
    model: qwen(), mode, downloadProxy: proxy, hfToken: SecretRef.of('hf', 'HF_TOKEN'), allowServingPodEgressForDownload: true, ...initFeature(mode),
  });
  const objects = synth(chart);
  const w = workload(objects);
  const download = podSpec(w).initContainers.find((c: any) => c.name === 'model-download');

  test('the library\'s own download step runs (KServe\'s injected initializer cannot take a per-model proxy)', () => {
    expect(download).toBeDefined();
    if (w.kind === 'InferenceService') expect(w.spec.predictor.model?.storageUri).toBeUndefined();
  });

  test('only the download step gets the proxy variables and the CA bundle', () => {
    const env = envMap(download);
    expect(env.HTTPS_PROXY).toBe(proxy.httpsProxy);
    expect(env.SSL_CERT_FILE).toBe('/etc/hf-serving/download-ca/ca.pem');
    expect(download.volumeMounts).toContainEqual({ name: 'download-ca', mountPath: '/etc/hf-serving/download-ca', readOnly: true });
    for (const c of allContainers(w).filter(x => x !== download)) {
      expect(Object.keys(envMap(c)).filter(n => PROXY_NAMES.includes(n))).toEqual([]);
      expect((c.volumeMounts ?? []).map(m => m.name)).not.toContain('download-ca');
    }
    expect(podSpec(w).volumes).toContainEqual({ name: 'download-ca', configMap: { name: 'corp-ca', items: [{ key: 'ca.crt', path: 'ca.pem' }] } });
  });

  test('egress opens the proxy port instead of HTTPS to the internet', () => {
    const egress = egressOf(objects, 'chat-allow');
    expect(egress).toContainEqual(PROXY_EGRESS);
    expect(egress).not.toContainEqual(HTTPS_EGRESS);
  });

  test('checkManifests finds no error', () => {
    expect(blockingFindings(policyReport(objects).findings)).toEqual([]);
  });
});

test('in-pod opt-in without downloadProxy: KServe downloads itself and the pod egresses HTTPS only (no proxy anywhere)', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: qwen(), allowServingPodEgressForDownload: true });
  const objects = synth(chart);
  expect(workload(objects).spec.predictor.model.storageUri).toBe(`hf://Qwen/Qwen2.5-0.5B-Instruct:${COMMIT}`);
  expect(egressOf(objects, 'chat-allow')).toContainEqual(HTTPS_EGRESS);
  expect(JSON.stringify(objects)).not.toMatch(/PROXY|download-ca/);
});

test('ModelCache: the download Job goes through the proxy; the server behind the cache gets nothing of it', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: qwen(), size: '20Gi', downloadProxy: proxy });
  new VllmPredictor(chart, 'chat', { model: cache.model, cache, mode: ServingMode.DEPLOYMENT });
  const objects = synth(chart);
  const job = only(objects, 'Job');
  expect(envMap(podSpec(job).containers[0]).HTTPS_PROXY).toBe(proxy.httpsProxy);
  expect(podSpec(job).volumes.map((v: any) => v.name)).toEqual(['cache', 'download-tmp', 'download-ca']);
  expect(egressOf(objects, 'qwen-cache-download-egress')).toContainEqual(PROXY_EGRESS);
  expect(egressOf(objects, 'qwen-cache-download-egress')).not.toContainEqual(HTTPS_EGRESS);
  expect(JSON.stringify(only(objects, 'Deployment'))).not.toMatch(/PROXY|download-ca/);
});

test('by default the download Job of the cache made for the model goes through the proxy; the server gets nothing of it', () => {
  const chart = testChart();
  new VllmPredictor(chart, 'chat', { model: qwen(), mode: ServingMode.DEPLOYMENT, downloadProxy: proxy });
  const objects = synth(chart);
  expect(envMap(podSpec(only(objects, 'Job')).containers[0]).HTTPS_PROXY).toBe(proxy.httpsProxy);
  expect(egressOf(objects, 'chat-model-download-egress')).toContainEqual(PROXY_EGRESS);
  expect(JSON.stringify(only(objects, 'Deployment'))).not.toMatch(/PROXY|download-ca/);
});

test('HuggingFaceEmbeddingService downloads through the proxy too (in-pod opt-in)', () => {
  const chart = testChart();
  new HuggingFaceEmbeddingService(chart, 'embed', {
    model: HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }),
    backend: EmbeddingBackend.TEI, mode: ServingMode.DEPLOYMENT, downloadProxy: { httpsProxy: 'http://10.0.0.5:8080' }, allowServingPodEgressForDownload: true,
  });
  const objects = synth(chart);
  const init = podSpec(only(objects, 'Deployment')).initContainers[0];
  expect(envMap(init).HTTPS_PROXY).toBe('http://10.0.0.5:8080');
  expect(envMap(servingContainers(only(objects, 'Deployment'))[0]).HTTPS_PROXY).toBeUndefined();
  expect(egressOf(objects, 'embed-allow')).toContainEqual({ ...PROXY_EGRESS, ports: [{ protocol: 'TCP', port: 8080 }] });
});

test('refused where nothing downloads in the pod, naming the ModelCache as the place for it', () => {
  const chart = testChart();
  const cache = new ModelCache(chart, 'qwen-cache', { model: qwen(), size: '20Gi' });
  expect(() => new VllmPredictor(chart, 'chat', { model: cache.model, cache, downloadProxy: proxy }))
    .toThrow(/downloadProxy "http:\/\/proxy.corp.example:3128" has nothing to proxy.*set downloadProxy on the ModelCache/s);
});

test('serverless: the in-pod download step is an init container, so Knative\'s init-containers feature must be declared', () => {
  expect(() => new VllmPredictor(testChart(), 'chat', {
    model: qwen(), mode: ServingMode.KSERVE_SERVERLESS, downloadProxy: proxy, allowServingPodEgressForDownload: true,
  }))
    .toThrow(/downloadProxy .*kubernetes.podspec-init-containers.*or use ServingMode.KSERVE or ServingMode.DEPLOYMENT/s);
});

test.each([null, 'http://proxy:3128', { httpsProxy: 'http://proxy:3128', caBundle: 'corp-ca' }])('refuses a malformed downloadProxy %j', p => {
  expect(() => validateDownloadProxy('test/chat', p as never)).toThrow(/downloadProxy/);
});
