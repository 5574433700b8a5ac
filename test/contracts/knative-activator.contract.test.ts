import { KNATIVE_SERVING_VERSION } from '../../src/core/knative';
import { KNATIVE_DEFAULT_TARGET_BURST_CAPACITY, refuseServerlessAllowFrom } from '../../src/core/serving/serverless-peers';
import { expectPinned, UPSTREAM } from './upstream';

/**
 * Who a Knative revision's pods see as the source of a request, as read in knative/serving at
 * knative-v1.21.1: the facts behind refusing `allowFrom` in KSERVE_SERVERLESS.
 */
const READ = {
  /** `config/core/configmaps/autoscaler.yaml`: `target-burst-capacity: "211"` (the activator stays in the path below it). */
  targetBurstCapacity: '211',
  /** `pkg/activator/handler/handler.go` `proxyRequest`: the activator forwards with an `httputil.ReverseProxy` (a new connection from its pod). */
  activatorProxies: 'httputil.ReverseProxy',
} as const;

test('the library pins the Knative release this contract was read at, with the activator and autoscaler files listed', () => {
  expectPinned(UPSTREAM.knative, KNATIVE_SERVING_VERSION);
  expect(UPSTREAM.knative.files).toEqual(expect.arrayContaining(['pkg/activator/handler/handler.go', 'config/core/configmaps/autoscaler.yaml']));
});

test('the default target-burst-capacity named in the refusal is Knative\'s', () => {
  expect(String(KNATIVE_DEFAULT_TARGET_BURST_CAPACITY)).toBe(READ.targetBurstCapacity);
});

test('the refusal says why (the activator re-sends requests, the pods never see the client) and what to use instead', () => {
  expect(READ.activatorProxies).toContain('ReverseProxy');
  expect(() => refuseServerlessAllowFrom('serving/chat', [{ namespace: 'apps' }]))
    .toThrow(/allowFrom .* cannot be enforced in serverless mode: requests reach the pods through Knative's activator \(a reverse proxy.*never the client; use ServingMode\.KSERVE or ServingMode\.DEPLOYMENT/);
  expect(() => refuseServerlessAllowFrom('serving/chat', undefined)).not.toThrow();
});
