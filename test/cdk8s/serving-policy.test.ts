import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { HuggingFaceModel, ServingMode, ServingPolicy, ValidationError, VllmPredictor } from '../../src';
import { torchServeChart, torchServeExplicitChart } from '../../examples/cdk8s/torchserve';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: 'a8b602d9dafd3a75d382e62757d83d89fca3be54' });

function predictorChart(mode: ServingMode = ServingMode.DEPLOYMENT) {
  const app = Testing.app();
  const chart = new Chart(app, 'serving', { namespace: 'ml-serving' });
  const predictor = new VllmPredictor(chart, 'chat', { model, gpus: 1, mode, apiKey: undefined });
  return { app, chart, predictor };
}

/** Where the pod-level fields of the primary object are, per mode (JSON pointer, field path). */
const POD: Readonly<Record<ServingMode, readonly [string, string]>> = {
  [ServingMode.DEPLOYMENT]: ['/spec/template/spec', 'spec.template.spec'],
  [ServingMode.KSERVE]: ['/spec/predictor', 'spec.predictor'],
  [ServingMode.KSERVE_SERVERLESS]: ['/spec/predictor', 'spec.predictor'],
};

describe.each(Object.values(ServingMode))('mode %s', mode => {
  test('app.synth() fails on an escape-hatch patch that turns hostNetwork on, naming the check and the path', () => {
    const { app, predictor } = predictorChart(mode);
    ApiObject.of(predictor).addJsonPatch(JsonPatch.add(`${POD[mode][0]}/hostNetwork`, true));
    expect(() => app.synth()).toThrow(`K01 error ${ApiObject.of(predictor).kind} ml-serving/chat ${POD[mode][1]}.hostNetwork: hostNetwork is true`);
  });

  test('the same chart without the patch synthesizes (warnings do not fail by default)', () => {
    const { app, chart } = predictorChart(mode);
    expect(() => app.synth()).not.toThrow();
    expect(ServingPolicy.of(chart).findings.filter(f => f.severity === 'error')).toEqual([]);
  });
});

test('Testing.synth(chart) and chart.toJson() run the same validation (they call the app validation too)', () => {
  const { chart, predictor } = predictorChart();
  ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  expect(() => Testing.synth(chart)).toThrow('spec.template.spec.hostNetwork');
  expect(() => chart.toJson()).toThrow('spec.template.spec.hostNetwork');
});

test('a patch to a container securityContext is found at its container path', () => {
  const { app, predictor } = predictorChart();
  ApiObject.of(predictor).addJsonPatch(JsonPatch.replace('/spec/template/spec/containers/0/securityContext/privileged', true));
  expect(() => app.synth()).toThrow('K02 error Deployment ml-serving/chat spec.template.spec.containers[0].securityContext.privileged [server]');
});

test('failOnWarnings makes warnings fail too', () => {
  const { app, chart } = predictorChart();
  ServingPolicy.of(chart).configure({ failOnWarnings: true });
  expect(() => app.synth()).toThrow(/[KM]\d\d warning Deployment ml-serving\/chat/);
});

test('a waiver annotation with a reason lets synth pass and is reported as waived', () => {
  const { app, chart, predictor } = predictorChart();
  ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  ServingPolicy.waive(predictor, 'K01', 'node-local benchmark, removed before production');
  expect(() => app.synth()).not.toThrow();
  const k01 = ServingPolicy.of(chart).findings.filter(f => f.id === 'K01');
  expect(k01.map(f => [f.path, f.waived])).toEqual([['spec.template.spec.hostNetwork', 'node-local benchmark, removed before production']]);
  expect(ApiObject.of(predictor).toJson().metadata.annotations['ignore-check.hf-serving-constructs.io/K01']).toBe('node-local benchmark, removed before production');
});

test('a waiver needs a reason and a known check ID', () => {
  const { predictor } = predictorChart();
  expect(() => ServingPolicy.waive(predictor, 'K01', '  ')).toThrow(ValidationError);
  expect(() => ServingPolicy.waive(predictor, 'K01', '  ')).toThrow('serving/chat');
  expect(() => ServingPolicy.waive(predictor, 'K99', 'why')).toThrow('is not a check ID');
});

test('a waiver annotation without a reason does not waive, and the message says so', () => {
  const { app, predictor } = predictorChart();
  ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  ApiObject.of(predictor).metadata.addAnnotation('ignore-check.hf-serving-constructs.io/K01', '');
  expect(() => app.synth()).toThrow('has no reason, so it does not apply');
});

test('only the library\'s objects are enforced; the chart is the context of cross-object checks', () => {
  const { app, chart, predictor } = predictorChart();
  new ApiObject(chart, 'other', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' },
    spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36' }] },
  });
  expect(() => app.synth()).not.toThrow();
  // a reference the patch adds to a ConfigMap nobody defines fails K37
  ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/volumes/-', { name: 'extra', configMap: { name: 'extra-config' } }));
  expect(() => app.synth()).toThrow('K37 error Deployment ml-serving/chat spec.template.spec.volumes[');
  // another chart is another manifest file, not assumed to be applied beside this one
  const other = new Chart(app, 'config', { namespace: 'ml-serving' });
  new ApiObject(other, 'extra', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'extra-config' }, data: {} });
  expect(() => app.synth()).toThrow('K37 error Deployment ml-serving/chat');
  // declared external, or defined in the same chart, it satisfies the reference
  ServingPolicy.of(chart).configure({ external: { configMaps: ['extra-config'] } });
  expect(() => app.synth()).not.toThrow();
});

test('enforce: false turns the synth-time check off', () => {
  const { app, chart, predictor } = predictorChart();
  ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
  ServingPolicy.of(chart).configure({ enforce: false });
  expect(() => app.synth()).not.toThrow();
});

test('a relaxing prop waives the check it fails, naming the prop', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'serving', { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'chat', { model, gpus: 1, mode: ServingMode.DEPLOYMENT, automountServiceAccountToken: true });
  expect(() => app.synth()).not.toThrow();
  const k14 = ServingPolicy.of(chart).findings.filter(f => f.id === 'K14');
  expect(k14.length).toBeGreaterThan(0);
  expect(new Set(k14.map(f => f.waived))).toEqual(new Set(['automountServiceAccountToken: true (a Kubernetes API token requested)']));
});

describe('context of the synth-time checks', () => {
  test('each chart is checked with its own objects only: a same-named object in another chart of the app does not count', () => {
    // Two environments of one TorchServe model in one app, as `npm run synth` builds them: the test
    // chart turns the model API on (its ConfigMap says enable_model_api=true, waived), the other keeps
    // it off. Were the whole app the context, the locked chart's Deployment would be judged against the
    // test chart's ConfigMap of the same namespace and name.
    const app = Testing.app();
    torchServeChart(app, 'resnet-locked', ServingMode.DEPLOYMENT);
    torchServeExplicitChart(app, 'resnet-explicit');
    expect(() => app.synth()).not.toThrow();
  });
});

describe('when the synth-time checks run again', () => {
  function threeCharts() {
    const app = Testing.app();
    const charts = ['a', 'b', 'c'].map(id => new Chart(app, id, { namespace: 'ml-serving' }));
    const predictors = charts.map(c => new VllmPredictor(c, 'chat', { model, gpus: 1, mode: ServingMode.DEPLOYMENT }));
    return { app, charts, predictors };
  }

  test('once per chart per synthesis although cdk8s validates the app once more for every chart', () => {
    const { app, charts } = threeCharts();
    app.synth();
    const first = charts.map(c => ServingPolicy.of(c).findings);
    app.synthYaml();
    // the same findings arrays: no check ran again, nothing changed
    charts.forEach((c, n) => expect(ServingPolicy.of(c).findings).toBe(first[n]));
  });

  test('a JSON patch after a synthesis makes only that chart check again, and the next synthesis fails', () => {
    const { app, charts, predictors } = threeCharts();
    app.synth();
    const first = charts.map(c => ServingPolicy.of(c).findings);
    ApiObject.of(predictors[1]).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    expect(() => app.synth()).toThrow('K01 error Deployment ml-serving/chat spec.template.spec.hostNetwork');
    expect(ServingPolicy.of(charts[0]).findings).toBe(first[0]);
    expect(ServingPolicy.of(charts[1]).findings).not.toBe(first[1]);
  });

  test('metadata changed after a synthesis is seen: a waiver annotation added later lets the synthesis pass', () => {
    const { app, predictor } = predictorChart();
    ApiObject.of(predictor).addJsonPatch(JsonPatch.add('/spec/template/spec/hostNetwork', true));
    expect(() => app.synth()).toThrow('K01 error');
    ApiObject.of(predictor).metadata.addAnnotation('ignore-check.hf-serving-constructs.io/K01', 'node-local benchmark');
    expect(() => app.synth()).not.toThrow();
  });

  test('an object added under a construct after a synthesis is checked', () => {
    const { app, predictor } = predictorChart();
    app.synth();
    new ApiObject(predictor, 'debug', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'chat-debug' },
      spec: { hostNetwork: true, containers: [{ name: 'c', image: 'busybox:1.36' }] },
    });
    expect(() => app.synth()).toThrow('K01 error Pod ml-serving/chat-debug');
  });

  test('the plain objects a construct exposes are a copy: changing them changes neither the manifest nor the checks', () => {
    const { app, chart, predictor } = predictorChart();
    const deployment = predictor.objects.find(o => o.kind === 'Deployment') as unknown as { spec: { template: { spec: Record<string, unknown> } } };
    deployment.spec.template.spec.hostNetwork = true;
    expect(() => app.synth()).not.toThrow();
    const manifest = Testing.synth(chart).find(o => o.kind === 'Deployment');
    expect(manifest.spec.template.spec.hostNetwork).toBeUndefined();
  });
});
