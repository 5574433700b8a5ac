import { HuggingFaceModel, renderVllmPredictor, ServingMode, ValidationError, VllmPredictorProps } from '../../src/core';
import { VLLM } from '../../src/core/engines/vllm';
import { ALERT_DEFAULTS, DEFAULT_MONITOR, validateMonitoring } from '../../src/core/monitoring';
import { only, sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, gpus: 1, cache: sharedCache(model), ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' }).objects as any[];
const monitoring = { namespace: 'monitoring' };
const SEL = 'namespace="ml-serving",pod=~"chat-predictor-[a-z0-9]+-[a-z0-9]+"';

test('monitoring is opt-in', () => {
  expect(render().some(o => o.apiVersion === 'monitoring.coreos.com/v1')).toBe(false);
});

test('a PodMonitor scrapes the engine metrics path on the serving container port', () => {
  const pm = only(render({ monitoring }), 'PodMonitor');
  expect(pm.spec).toEqual({
    selector: { matchLabels: { 'app.kubernetes.io/instance': 'chat', 'app.kubernetes.io/component': 'predictor' } },
    podMetricsEndpoints: [{ port: 'http1', path: '/metrics', scheme: 'http' }],
  });
  expect(only(render({ monitoring, mode: ServingMode.DEPLOYMENT }), 'PodMonitor').spec.podMetricsEndpoints[0].port).toBe('http');
});

test('a ServiceMonitor in DEPLOYMENT mode scrapes the Service port', () => {
  const objs = render({ monitoring: { ...monitoring, monitor: 'ServiceMonitor' }, mode: ServingMode.DEPLOYMENT });
  expect(only(objs, 'ServiceMonitor').spec.endpoints).toEqual([{ port: 'http', path: '/metrics', scheme: 'http' }]);
  expect(objs.some(o => o.kind === 'PodMonitor')).toBe(false);
});

test('monitoring labels reach the monitor and the rule', () => {
  const objs = render({ monitoring: { ...monitoring, labels: { release: 'kube-prometheus-stack' } } });
  expect(only(objs, 'PodMonitor').metadata.labels.release).toBe('kube-prometheus-stack');
  expect(only(objs, 'PrometheusRule').metadata.labels.release).toBe('kube-prometheus-stack');
});

test('alert defaults', () => {
  expect(ALERT_DEFAULTS).toEqual({ errorRatio: 0.05, latencySeconds: 30, queueDepth: 20 });
});

test('the PrometheusRule alerts on error rate, latency and queue depth with vLLM\'s own metrics', () => {
  const rule = only(render({ monitoring }), 'PrometheusRule');
  expect(rule.metadata.name).toBe('chat-alerts');
  const rules = rule.spec.groups[0].rules;
  expect(rules.map((r: any) => r.alert)).toEqual(['ModelHighErrorRate', 'ModelHighLatency', 'ModelQueueBacklog']);
  expect(rules[0].expr).toBe(`sum(rate(vllm:request_success_total{${SEL},finished_reason="abort"}[5m])) / sum(rate(vllm:request_success_total{${SEL}}[5m])) > 0.05`);
  expect(rules[1].expr).toBe(`histogram_quantile(0.95, sum by (le) (rate(vllm:e2e_request_latency_seconds_bucket{${SEL}}[5m]))) > 30`);
  expect(rules[2].expr).toBe(`sum(vllm:num_requests_waiting{${SEL}}) > 20`);
  for (const r of rules) expect(r.labels).toEqual({ severity: 'warning', model: 'chat' });
});

test('thresholds are configurable and alerts can be turned off', () => {
  const rules = only(render({ monitoring: { ...monitoring, thresholds: { queueDepth: 50 } } }), 'PrometheusRule').spec.groups[0].rules;
  expect(rules[2].expr).toMatch(/ > 50$/);
  expect(render({ monitoring: { ...monitoring, alerts: false } }).some(o => o.kind === 'PrometheusRule')).toBe(false);
});

describe('monitoring errors', () => {
  const cases: [string, Partial<VllmPredictorProps>, string][] = [
    ['a bad namespace', { monitoring: { namespace: 'Mon' } }, 'serving/chat: monitoring.namespace "Mon" is not a namespace name'],
    ['an unknown monitor kind', { monitoring: { namespace: 'monitoring', monitor: 'Probe' as any } }, 'monitoring.monitor "Probe" is not a monitor kind'],
    ['a ServiceMonitor where KServe owns the Service', { monitoring: { namespace: 'monitoring', monitor: 'ServiceMonitor' } }, 'monitoring.monitor "ServiceMonitor" needs a Service this library owns, and in KSERVE mode KServe owns it; use "PodMonitor"'],
    ['an error ratio of 1 or more', { monitoring: { namespace: 'monitoring', thresholds: { errorRatio: 1 } } }, 'monitoring.thresholds.errorRatio 1 is not in (0, 1)'],
    ['a negative threshold', { monitoring: { namespace: 'monitoring', thresholds: { latencySeconds: -1 } } }, 'monitoring.thresholds.latencySeconds -1 is not a positive number'],
  ];
  test.each(cases)('%s', (_n, p, msg) => {
    expect(() => render(p)).toThrow(ValidationError);
    expect(() => render(p)).toThrow(msg);
  });
});

test('alerts are refused for an engine that exports no metrics', () => {
  const bare = { ...VLLM, id: 'bare', metrics: undefined };
  expect(() => validateMonitoring('serving/chat', { namespace: 'monitoring', alerts: true }, ServingMode.DEPLOYMENT, bare))
    .toThrow('serving/chat: monitoring.alerts true needs engine metrics, and the bare engine exports none the rules can use; drop alerts');
});

test('ServiceMonitor and HPA objects validate against their schemas', () => {
  const { schemaErrors } = require('../support/schema');
  const objs = render({ mode: ServingMode.DEPLOYMENT, monitoring: { namespace: 'monitoring', monitor: 'ServiceMonitor' }, autoscaling: { minReplicas: 1, maxReplicas: 2, metric: 'cpu' } });
  expect(objs.some(o => o.kind === 'ServiceMonitor')).toBe(true);
  expect(objs.some(o => o.kind === 'HorizontalPodAutoscaler')).toBe(true);
  expect(schemaErrors(objs)).toEqual([]);
});

test('the default scrape object is a PodMonitor', () => {
  expect(DEFAULT_MONITOR).toBe('PodMonitor');
});
