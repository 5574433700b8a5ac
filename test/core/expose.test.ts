import { HuggingFaceModel, ServingMode } from '../../src';
import { renderEmbeddingService } from '../../src/core/embedding-service';
import { renderVllmPredictor, VllmPredictorProps } from '../../src/core/vllm-predictor';
import { only } from '../support/objects';
import { schemaErrors } from '../support/schema';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const expose = { gateway: { name: 'public', namespace: 'gateway-system', sectionName: 'https' }, hostnames: ['llm.example.com'] };
const render = (p: Partial<VllmPredictorProps>) => renderVllmPredictor({ model, expose, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' });

describe.each([
  [ServingMode.KSERVE, 'chat-predictor', '/openai/v1', 8080],
  [ServingMode.DEPLOYMENT, 'chat', '/v1', 8000],
] as const)('%s', (mode, service, prefix, port) => {
  const r = render({ mode });
  const route = only(r.objects, 'HTTPRoute', 'chat');

  test('an HTTPRoute attaches only the OpenAI-compatible prefix to the Gateway listener, to the Service on port 80', () => {
    expect(route.spec).toEqual({
      parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'public', namespace: 'gateway-system', sectionName: 'https' }],
      hostnames: ['llm.example.com'],
      rules: [{ matches: [{ path: { type: 'PathPrefix', value: prefix } }], backendRefs: [{ name: service, port: 80 }] }],
    });
    expect(route.metadata.namespace).toBe('ml-serving');
  });

  test('the Gateway\'s namespace may reach the serving port; the default in-namespace peer stays', () => {
    const ingress = only(r.objects, 'NetworkPolicy', 'chat-allow').spec.ingress;
    expect(ingress).toContainEqual({ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gateway-system' } }, podSelector: {} }], ports: [{ protocol: 'TCP', port }] });
    expect(ingress[0].from).toEqual([{ podSelector: {} }]);
  });

  test('the HTTPRoute validates against the Gateway API schema (@kubernetes-models/gateway-api)', () => {
    expect(schemaErrors([route])).toEqual([]);
  });
});

test('the schema check bites on a malformed HTTPRoute', () => {
  const route = only(render({ mode: ServingMode.DEPLOYMENT }).objects, 'HTTPRoute', 'chat');
  expect(schemaErrors([{ ...route, spec: { ...route.spec, rules: [{ matches: [{ path: { type: 'Prefix', value: '/v1' } }] }] } }]).length).toBe(1);
});

test('embedding services are exposed at their OpenAI prefix (the KServe runtime serves it under /openai)', () => {
  const r = renderEmbeddingService({ model, expose, mode: ServingMode.DEPLOYMENT }, { path: 'serving/embed', name: 'embed', namespace: 'ml-serving' });
  expect(only(r.objects, 'HTTPRoute', 'embed').spec.rules[0].matches[0].path.value).toBe('/openai/v1');
});

test.each([
  [{ mode: ServingMode.KSERVE_SERVERLESS }, 'serving/chat: expose "public" cannot route to a Knative service'],
  [{ expose: { ...expose, hostnames: [] } }, 'expose.hostnames [] is empty'],
  [{ expose: { ...expose, hostnames: ['LLM.example.com'] } }, 'expose.hostnames[0] "LLM.example.com" is not a host name'],
  [{ expose: { ...expose, hostnames: ['10.0.0.1:443'] } }, 'is not a host name'],
  [{ expose: { ...expose, gateway: { name: 'public', namespace: 'Gateway' } } }, 'expose.gateway.namespace "Gateway" is not a namespace name'],
  [{ expose: { ...expose, tls: { certificate: { secretName: 'x' } } } }, 'TLS terminates on the Gateway listener'],
])('refuses %j', (p, message) => {
  expect(() => render(p as never)).toThrow(message);
});
