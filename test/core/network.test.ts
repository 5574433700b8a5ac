import { HuggingFaceModel, IModelCache, renderVllmPredictor, ServingMode, ValidationError, VllmPredictorProps } from '../../src/core';
import { METADATA_CIDR } from '../../src/core/network';
import { only } from '../support/objects';
import { ownDeliveryFeatures } from '../support/knative';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const cache: IModelCache = { model, claimName: 'qwen-cache', subPath: 'models/qwen', markerFile: '.complete' };
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, gpus: 1, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' }).objects as any[];
const allow = (objs: any[]) => only(objs, 'NetworkPolicy', 'chat-allow');
const DNS = {
  to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

describe.each(Object.values(ServingMode))('%s mode', mode => {
  test('an offline server served from a cache has no egress but DNS', () => {
    expect(allow(render({ mode, cache, ...ownDeliveryFeatures(mode) })).spec.egress).toEqual([DNS]);
  });

  test('by default the weights come from a cache made for the model: no egress but DNS', () => {
    expect(allow(render({ mode })).spec.egress).toEqual([DNS]);
  });

  test('a server that downloads in the pod (the opt-in) gets HTTPS egress with the metadata address excepted', () => {
    const egress = allow(render({ mode, allowServingPodEgressForDownload: true })).spec.egress;
    expect(egress).toHaveLength(2);
    expect(egress[1].ports).toEqual([{ protocol: 'TCP', port: 443 }]);
    expect(egress[1].to[0].ipBlock.except).toContain(METADATA_CIDR);
    expect(METADATA_CIDR).toBe('169.254.169.254/32');
  });

  test('allowFrom peers reach the serving port only; nothing else is opened without monitoring (serverless: refused, see delivery.test.ts)', () => {
    const peers = [{ namespace: 'apps', podLabels: { app: 'chat-frontend' } }];
    if (mode === ServingMode.KSERVE_SERVERLESS) {
      expect(() => render({ mode, allowFrom: peers })).toThrow(ValidationError);
      expect(allow(render({ mode })).spec.ingress).toHaveLength(3); // clients (own namespace), activator/gateway, autoscaler
      return;
    }
    const ingress = allow(render({ mode, allowFrom: peers })).spec.ingress;
    expect(ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: { matchLabels: { app: 'chat-frontend' } } }]);
    expect(ingress).toHaveLength(1);
  });

  test('the metrics port opens to the monitoring namespace only', () => {
    const objs = render({ mode, monitoring: { namespace: 'monitoring', monitor: 'none' } });
    const ingress = allow(objs).spec.ingress;
    const metricsRule = ingress[ingress.length - 1];
    const port = mode === ServingMode.DEPLOYMENT ? 8000 : 8080;
    expect(metricsRule).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: {} }],
      ports: [{ protocol: 'TCP', port }],
    });
    expect(objs.some(o => o.kind === 'PodMonitor' || o.kind === 'PrometheusRule')).toBe(false);
  });
});

describe('KSERVE_SERVERLESS ingress', () => {
  const mode = ServingMode.KSERVE_SERVERLESS;
  test('the Knative activator and Istio gateway namespaces reach the queue-proxy port by default', () => {
    const rule = allow(render({ mode })).spec.ingress[1];
    expect(rule).toEqual({
      from: [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } } },
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } } },
      ],
      ports: [{ protocol: 'TCP', port: 8012 }],
    });
  });

  test('the Knative autoscaler in knative-serving reaches the queue-proxy statistics port 9090 only', () => {
    expect(allow(render({ mode })).spec.ingress[2]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'knative-serving' } } }],
      ports: [{ protocol: 'TCP', port: 9090 }],
    });
  });

  test('knativeIngressNamespaces replaces them (Kourier)', () => {
    const rule = allow(render({ mode, knativeIngressNamespaces: ['knative-serving', 'kourier-system'] })).spec.ingress[1];
    expect(rule.from.map((f: any) => f.namespaceSelector.matchLabels['kubernetes.io/metadata.name'])).toEqual(['knative-serving', 'kourier-system']);
  });

  test('a bad namespace name is refused', () => {
    expect(() => render({ mode, knativeIngressNamespaces: ['Bad_NS'] })).toThrow(ValidationError);
    expect(() => render({ mode, knativeIngressNamespaces: ['Bad_NS'] })).toThrow('serving/chat: knativeIngressNamespaces[0] "Bad_NS" is not a namespace name');
  });
});

test('peers selected by namespace labels become a namespaceSelector on those labels', () => {
  const ingress = allow(render({ allowFrom: [{ namespaceLabels: { team: 'chat' } }] })).spec.ingress;
  expect(ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { team: 'chat' } }, podSelector: {} }]);
});

describe('allowFrom errors', () => {
  const cases: [string, Partial<VllmPredictorProps>, string][] = [
    ['a bad namespace name', { allowFrom: [{ namespace: 'Apps' }] }, 'serving/chat: allowFrom[0].namespace "Apps" is not a namespace name'],
    ['namespace by name and by labels', { allowFrom: [{ namespace: 'apps', namespaceLabels: { team: 'x' } }] }, 'allowFrom[0] {"namespace":"apps","namespaceLabels":{"team":"x"}} selects the namespace both by name and by labels; give namespace or namespaceLabels, not both'],
    ['a non-string label value', { allowFrom: [{ podLabels: { app: 1 as any } }] }, 'allowFrom[0].podLabels.app 1 is not a string'],
  ];
  test.each(cases)('%s', (_n, p, msg) => {
    expect(() => render(p)).toThrow(ValidationError);
    expect(() => render(p)).toThrow(msg);
  });
});
