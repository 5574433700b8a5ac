import { HuggingFaceModel, renderVllmPredictor, ServingMode, ValidationError, VllmPredictorProps } from '../../src/core';
import { RESOURCE_TARGETS } from '../../src/core/autoscaling';
import { VLLM_METRICS } from '../../src/core/engines/vllm';
import { only, sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps>) => renderVllmPredictor({ model, gpus: 1, cache: sharedCache(model), ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' }).objects as any[];
const scale = { minReplicas: 1, maxReplicas: 4 };
const monitoring = { namespace: 'monitoring' };
const KSERVE_SERIES = 'namespace="ml-serving",pod=~"chat-predictor-[a-z0-9]+-[a-z0-9]+"';
const DEPLOY_SERIES = 'namespace="ml-serving",pod=~"chat-[a-z0-9]+-[a-z0-9]+"';

test('defaults: cpu at 80% utilization; vLLM queue target 5 waiting requests', () => {
  expect(RESOURCE_TARGETS).toEqual({ cpu: 80, memory: 80 });
  expect(VLLM_METRICS.queue).toBe('vllm:num_requests_waiting');
  expect(VLLM_METRICS.scaling['vllm:num_requests_waiting']).toBe(5);
});

describe('KSERVE (Standard)', () => {
  test('without autoscaling: autoscaler class none, min = max = replicas', () => {
    const isvc = only(render({ replicas: 2 }), 'InferenceService');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('none');
    expect(isvc.spec.predictor).toMatchObject({ minReplicas: 2, maxReplicas: 2 });
  });

  test('without monitoring the default metric is cpu through the hpa class', () => {
    const isvc = only(render({ autoscaling: scale }), 'InferenceService');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('hpa');
    expect(isvc.spec.predictor).toMatchObject({ minReplicas: 1, maxReplicas: 4, scaleMetric: 'cpu', scaleTarget: 80 });
    expect(isvc.spec.predictor.autoScaling).toBeUndefined();
  });

  test('memory with a target', () => {
    const isvc = only(render({ autoscaling: { ...scale, metric: 'memory', target: 70 } }), 'InferenceService');
    expect(isvc.spec.predictor).toMatchObject({ scaleMetric: 'memory', scaleTarget: 70 });
  });

  test('with monitoring the default is KEDA on vllm:num_requests_waiting through Prometheus', () => {
    const isvc = only(render({ autoscaling: scale, monitoring }), 'InferenceService');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBe('keda');
    expect(isvc.spec.predictor.scaleMetric).toBeUndefined();
    expect(isvc.spec.predictor.autoScaling).toEqual({
      metrics: [{
        type: 'External',
        external: {
          metric: { backend: 'prometheus', serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: `sum(vllm:num_requests_waiting{${KSERVE_SERIES}})` },
          target: { type: 'Value', value: '5' },
        },
      }],
    });
  });

  test('prometheusAddress overrides the KEDA server address', () => {
    const isvc = only(render({ autoscaling: { ...scale, prometheusAddress: 'http://prom.obs.svc:9090' }, monitoring }), 'InferenceService');
    expect(isvc.spec.predictor.autoScaling.metrics[0].external.metric.serverAddress).toBe('http://prom.obs.svc:9090');
  });
});

describe('KSERVE_SERVERLESS (Knative)', () => {
  const mode = ServingMode.KSERVE_SERVERLESS;
  test('defaults to concurrency with Knative\'s own target, and sets no autoscaler class', () => {
    const isvc = only(render({ mode, autoscaling: scale }), 'InferenceService');
    expect(isvc.metadata.annotations['serving.kserve.io/autoscalerClass']).toBeUndefined();
    expect(isvc.spec.predictor).toMatchObject({ minReplicas: 1, maxReplicas: 4, scaleMetric: 'concurrency' });
    expect(isvc.spec.predictor.scaleTarget).toBeUndefined();
  });

  test('rps with a target, and scale to zero', () => {
    const isvc = only(render({ mode, autoscaling: { minReplicas: 0, maxReplicas: 2, metric: 'rps', target: 10 } }), 'InferenceService');
    expect(isvc.spec.predictor).toMatchObject({ minReplicas: 0, maxReplicas: 2, scaleMetric: 'rps', scaleTarget: 10 });
  });
});

describe('DEPLOYMENT', () => {
  const mode = ServingMode.DEPLOYMENT;
  test('without autoscaling the Deployment has replicas and no autoscaler exists', () => {
    const objs = render({ mode, replicas: 3 });
    expect(only(objs, 'Deployment').spec.replicas).toBe(3);
    expect(objs.some(o => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'ScaledObject')).toBe(false);
  });

  test('cpu: an autoscaling/v2 HPA targets the Deployment, which omits replicas', () => {
    const objs = render({ mode, autoscaling: scale });
    const d = only(objs, 'Deployment');
    expect('replicas' in d.spec).toBe(false);
    const hpa = only(objs, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name },
      minReplicas: 1, maxReplicas: 4,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    });
  });

  test('engine metric: a KEDA ScaledObject with a Prometheus trigger', () => {
    const objs = render({ mode, autoscaling: scale, monitoring });
    expect('replicas' in only(objs, 'Deployment').spec).toBe(false);
    const so = only(objs, 'ScaledObject');
    expect(so.apiVersion).toBe('keda.sh/v1alpha1');
    expect(so.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'chat' },
      minReplicaCount: 1, maxReplicaCount: 4,
      triggers: [{ type: 'prometheus', metadata: { serverAddress: 'http://prometheus-operated.monitoring.svc:9090', query: `sum(vllm:num_requests_waiting{${DEPLOY_SERIES}})`, threshold: '5' } }],
    });
  });

  test('another engine metric with its own target', () => {
    const so = only(render({ mode, autoscaling: { ...scale, metric: 'vllm:kv_cache_usage_perc', target: 0.7 }, monitoring }), 'ScaledObject');
    expect(so.spec.triggers[0].metadata).toMatchObject({ query: `sum(vllm:kv_cache_usage_perc{${DEPLOY_SERIES}})`, threshold: '0.7' });
  });
});

describe('autoscaling errors', () => {
  const D = ServingMode.DEPLOYMENT;
  const cases: [string, Partial<VllmPredictorProps>, string][] = [
    ['minReplicas > maxReplicas', { autoscaling: { minReplicas: 5, maxReplicas: 2 } }, 'serving/chat: autoscaling.minReplicas 5 exceeds maxReplicas (2); make minReplicas ≤ maxReplicas'],
    ['negative minReplicas', { autoscaling: { minReplicas: -1, maxReplicas: 2 } }, 'autoscaling.minReplicas -1 is not a whole number ≥ 0'],
    ['maxReplicas 0', { autoscaling: { minReplicas: 0, maxReplicas: 0 } }, 'autoscaling.maxReplicas 0 is not a whole number ≥ 1'],
    ['fractional maxReplicas', { autoscaling: { minReplicas: 1, maxReplicas: 2.5 } }, 'autoscaling.maxReplicas 2.5 is not a whole number'],
    ['scale to zero in KServe Standard', { autoscaling: { minReplicas: 0, maxReplicas: 2 } }, 'autoscaling.minReplicas 0 cannot work in KSERVE mode: an HPA cannot scale below one replica; use minReplicas ≥ 1, or ServingMode.KSERVE_SERVERLESS'],
    ['scale to zero with an HPA', { mode: D, autoscaling: { minReplicas: 0, maxReplicas: 2 } }, 'autoscaling.minReplicas 0 cannot work in DEPLOYMENT mode: an HPA cannot scale below one replica'],
    ['scale to zero on an engine metric', { mode: D, monitoring, autoscaling: { minReplicas: 0, maxReplicas: 2 } }, 'autoscaling.minReplicas 0 cannot work in DEPLOYMENT mode: vllm:num_requests_waiting disappears with the last pod'],
    ['a metric the engine does not export', { autoscaling: { ...scale, metric: 'te_queue_size' }, monitoring }, 'autoscaling.metric "te_queue_size" is not a metric the kserve-huggingface-vllm engine exports; use one of cpu, memory, vllm:num_requests_waiting'],
    ['an unknown plain metric', { mode: D, autoscaling: { ...scale, metric: 'gpu' } }, 'autoscaling.metric "gpu" cannot drive autoscaling in DEPLOYMENT mode'],
    ['cpu under Knative', { mode: ServingMode.KSERVE_SERVERLESS, autoscaling: { ...scale, metric: 'cpu' } }, 'autoscaling.metric "cpu" cannot drive autoscaling in KSERVE_SERVERLESS mode; use one of concurrency, rps'],
    ['an engine metric Prometheus cannot scrape', { mode: D, autoscaling: { ...scale, metric: 'vllm:num_requests_waiting' } }, 'autoscaling.metric "vllm:num_requests_waiting" is read from Prometheus, which the network policy keeps away from the pods unless monitoring names its namespace'],
    ['an engine metric without a default target', { mode: D, monitoring, autoscaling: { ...scale, metric: 'vllm:num_requests_running' } }, 'autoscaling.target (unset) has no default for vllm:num_requests_running'],
    ['a zero target', { autoscaling: { ...scale, target: 0 } }, 'autoscaling.target 0 is not a positive whole number'],
    ['a fractional cpu target', { autoscaling: { ...scale, target: 50.5 } }, 'autoscaling.target 50.5 is not a positive whole number'],
    ['a negative engine target', { mode: D, monitoring, autoscaling: { ...scale, target: -2 } }, 'autoscaling.target -2 is not a positive number'],
    ['a bad Prometheus address', { mode: D, monitoring, autoscaling: { ...scale, prometheusAddress: 'prometheus:9090' } }, 'autoscaling.prometheusAddress "prometheus:9090" is not an http(s) URL'],
    ['replicas together with autoscaling', { replicas: 2, autoscaling: scale }, 'replicas 2 is set together with autoscaling; drop replicas'],
  ];
  test.each(cases)('%s', (_n, p, msg) => {
    expect(() => render(p)).toThrow(ValidationError);
    expect(() => render(p)).toThrow(msg);
  });
});
