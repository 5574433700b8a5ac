import { schemaErrors, validateSchemas } from './support/schema';

// The validator itself must be able to fail, or every "validates against its schema" test proves nothing.
const isvc = (predictor: unknown) => ({ apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'x', namespace: 'ns' }, spec: { predictor } });

test('accepts a minimal InferenceService and Deployment', () => {
  expect(schemaErrors([
    isvc({ model: { modelFormat: { name: 'huggingface' }, args: ['--model_name=x'] } }),
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } } } },
  ])).toEqual([]);
});

test('refuses an unknown InferenceService field (unknown fields would be pruned silently by the API server)', () => {
  expect(schemaErrors([isvc({ modelz: {} })])).toEqual([expect.stringContaining('must NOT have additional properties (modelz)')]);
});

test('refuses a wrongly typed InferenceService field', () => {
  expect(schemaErrors([isvc({ minReplicas: 'one', model: { modelFormat: { name: 'huggingface' } } })])[0]).toContain('/spec/predictor/minReplicas must be integer');
});

test('refuses a wrongly typed core object', () => {
  expect(schemaErrors([{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'x' }, spec: { ports: [{ port: 'eighty' }] } }])[0]).toContain('port');
});

test('refuses a kind it has no schema for, instead of passing it', () => {
  expect(schemaErrors([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } }])).toEqual(['example.com/v1/Widget x: no schema known for example.com/v1/Widget']);
});

test('fails, and says how to fix it, when the KServe schema artifact is missing', () => {
  const r = validateSchemas([isvc({})], { ...process.env, HF_SERVING_KSERVE_SCHEMAS: '/nonexistent/kserve.schema.json' });
  expect(r[0].ok).toBe(false);
  expect(r[0].error).toMatch(/KServe schemas not found at \/nonexistent\/kserve.schema.json: run `npm run schemas:kserve`/);
});

test('validates cert-manager Certificates and Istio PeerAuthentications, refusing mistyped fields', () => {
  const cert = (spec: unknown) => ({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c', namespace: 'ns' }, spec });
  const pa = (spec: unknown) => ({ apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication', metadata: { name: 'p', namespace: 'ns' }, spec });
  expect(schemaErrors([
    cert({ secretName: 's', dnsNames: ['a.ns.svc'], issuerRef: { name: 'ca', kind: 'ClusterIssuer' } }),
    pa({ selector: { matchLabels: { a: 'b' } }, mtls: { mode: 'STRICT' } }),
  ])).toEqual([]);
  expect(schemaErrors([cert({ secretName: 's', issuerRef: { name: 'ca' }, dnsNames: 'a.ns.svc' })])).toHaveLength(1);
  expect(schemaErrors([pa({ mtls: { mode: 'STRICTEST' } })])).toHaveLength(1);
});
