import { isQualifiedName, validateMetadata, withObjectMetadata, withPodMetadata } from '../../src/core/metadata';
import { ValidationError } from '../../src/core/errors';
import { KubeObject } from '../../src/core/kube';

const P = 'serving/chat';
const err = (f: () => void) => { try { f(); } catch (e) { return e as ValidationError; } throw new Error('no error'); };

describe('validateMetadata', () => {
  test('accepts ordinary labels and annotations', () => {
    expect(() => validateMetadata(P, 'metadata', { labels: { 'team': 'search', 'example.com/cost-center': 'ml-42' }, annotations: { 'example.com/owner': 'Search team <search@example.com>' } })).not.toThrow();
  });

  test.each([
    ['labels', 'app.kubernetes.io/instance', 'x', 'is a key the construct sets'],
    ['labels', 'app.kubernetes.io/managed-by', 'helm', 'is a key the construct sets'],
    ['annotations', 'serving.kserve.io/deploymentMode', 'Knative', 'use the prop that controls it (mode and autoscaling)'],
    ['annotations', 'autoscaling.knative.dev/min-scale', '0', 'use the prop that controls it (autoscaling)'],
    ['annotations', 'serving.knative.dev/progress-deadline', '10m', 'startupTimeoutSeconds'],
    ['labels', 'bad key!', 'x', 'is not a valid key'],
    ['labels', 'team', 'has spaces', 'is not a valid label value'],
    ['labels', 'team', 'x'.repeat(64), 'is not a valid label value'],
  ] as const)('refuses %s %s=%s, naming the fix', (kind, key, value, fix) => {
    const e = err(() => validateMetadata(P, 'podMetadata', { [kind]: { [key]: value } }));
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toContain(`serving/chat: podMetadata.${kind}["${key}"]`);
    expect(e.message).toContain(fix);
  });

  test('refuses a non-string value and a non-object map', () => {
    expect(err(() => validateMetadata(P, 'metadata', { annotations: { a: 1 as unknown as string } })).message).toContain('is not a string');
    expect(err(() => validateMetadata(P, 'metadata', { labels: 'x' as never })).message).toContain('metadata.labels "x" is not a map of strings');
  });

  test('qualified names follow the Kubernetes rules', () => {
    expect(isQualifiedName('a')).toBe(true);
    expect(isQualifiedName('example.com/a_b.c-d')).toBe(true);
    expect(isQualifiedName('/a')).toBe(false);
    expect(isQualifiedName('Example.com/a')).toBe(false);
    expect(isQualifiedName('a'.repeat(64))).toBe(false);
  });
});

const deployment: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: { name: 'chat', labels: { 'app.kubernetes.io/name': 'chat' } },
  spec: { template: { metadata: { labels: { 'app.kubernetes.io/name': 'chat' } }, spec: {} } },
};
const isvc: KubeObject = {
  apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService',
  metadata: { name: 'chat', annotations: { 'serving.kserve.io/deploymentMode': 'Standard' } },
  spec: { predictor: { labels: { 'app.kubernetes.io/name': 'chat' }, annotations: { 'serving.knative.dev/progress-deadline': '2400s' } } },
};

describe('merging', () => {
  test('object metadata is added, and the library wins on a conflict', () => {
    const out = withObjectMetadata(deployment, { labels: { 'team': 'search', 'app.kubernetes.io/name': 'other' }, annotations: { note: 'x' } });
    expect(out.metadata).toEqual({ name: 'chat', labels: { 'team': 'search', 'app.kubernetes.io/name': 'chat' }, annotations: { note: 'x' } });
    expect((out.spec as any).template.metadata).toEqual({ labels: { 'app.kubernetes.io/name': 'chat' } });
  });

  test('pod metadata lands on the Deployment pod template and on the InferenceService predictor (KServe copies it to the pods)', () => {
    const d = withPodMetadata(deployment, { labels: { team: 'search' }, annotations: { 'sidecar.istio.io/inject': 'true' } });
    expect((d.spec as any).template.metadata).toEqual({ labels: { 'team': 'search', 'app.kubernetes.io/name': 'chat' }, annotations: { 'sidecar.istio.io/inject': 'true' } });
    expect(d.metadata).toEqual(deployment.metadata);
    const i = withPodMetadata(isvc, { annotations: { 'serving.knative.dev/progress-deadline': '1s', 'example.com/a': 'b' } });
    expect((i.spec as any).predictor.annotations).toEqual({ 'serving.knative.dev/progress-deadline': '2400s', 'example.com/a': 'b' });
  });

  test('kinds without pods and empty options are returned unchanged', () => {
    const sa: KubeObject = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'chat' } };
    expect(withPodMetadata(sa, { labels: { a: 'b' } })).toBe(sa);
    expect(withObjectMetadata(sa, undefined)).toBe(sa);
    expect(withObjectMetadata(sa, {})).toBe(sa);
  });
});
