import { EmbeddingBackend, HuggingFaceModel, ServingMode } from '../../src';
import { renderEmbeddingService } from '../../src/core/embedding-service';
import { only, sharedCache } from '../support/objects';
import { schemaErrors } from '../support/schema';

const model = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ctx = { path: 'test/gte', name: 'gte', namespace: 'ml-serving' };

test('TEI scales on its own queue gauge te_queue_size through a KEDA ScaledObject', () => {
  const r = renderEmbeddingService({
    model, backend: EmbeddingBackend.TEI, mode: ServingMode.DEPLOYMENT, cache: sharedCache(model),
    autoscaling: { minReplicas: 1, maxReplicas: 3 }, monitoring: { namespace: 'monitoring' },
  }, ctx);
  const so = only(r.objects, 'ScaledObject');
  expect(so.spec.scaleTargetRef.name).toBe('gte');
  expect(so.spec.triggers[0].type).toBe('prometheus');
  expect(so.spec.triggers[0].metadata.query).toContain('te_queue_size');
  expect(so.spec.triggers[0].metadata.threshold).toBe('8');
  expect('replicas' in only(r.objects, 'Deployment').spec).toBe(false);
  expect(schemaErrors(r.objects)).toEqual([]);
});

test('TEI alerts read its own failure counter and duration histogram', () => {
  const r = renderEmbeddingService({ model, backend: EmbeddingBackend.TEI, mode: ServingMode.DEPLOYMENT, monitoring: { namespace: 'monitoring' } }, ctx);
  const rules = only(r.objects, 'PrometheusRule').spec.groups[0].rules;
  expect(rules.find((x: any) => x.alert === 'ModelHighErrorRate').expr).toMatch(/^sum\(rate\(te_request_failure\{.*\}\[5m\]\)\) \/ sum\(rate\(te_request_count\{.*\}\[5m\]\)\) > 0\.05$/);
  expect(rules.find((x: any) => x.alert === 'ModelHighLatency').expr).toContain('te_request_duration_bucket');
});
