import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { HuggingFaceModel, ModelCache, ValidationError, VllmPredictor } from '../../src';
import { testChart } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });

const errorOf = (fn: () => unknown): Error | undefined => {
  try { fn(); } catch (e) { return e as Error; }
  return undefined;
};

describe('two objects of one kind, namespace and name in one chart are refused, naming both constructs', () => {
  test('the same id under two parents', () => {
    const chart = testChart();
    new VllmPredictor(new Construct(chart, 'team-a'), 'chat', { model, gpus: 1 });
    const e = errorOf(() => new VllmPredictor(new Construct(chart, 'team-b'), 'chat', { model, gpus: 1 }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toMatch(/^test\/team-b\/chat: id "chat" makes ServiceAccount\.core ml-serving\/chat, which test\/team-a\/chat also makes/);
  });

  test("a ModelCache 'qwen' beside a predictor 'qwen-download' (the cache's download objects are named qwen-download)", () => {
    const chart = testChart();
    new ModelCache(chart, 'qwen', { model, size: '20Gi' });
    const e = errorOf(() => new VllmPredictor(chart, 'qwen-download', { model, gpus: 1 }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toMatch(/^test\/qwen-download: id "qwen-download" makes \S+ ml-serving\/qwen-download\S*, which test\/qwen also makes/);
  });

  test('the same names in two charts are two manifests and stay allowed', () => {
    const app = new App();
    new VllmPredictor(new Chart(app, 'dev', { namespace: 'ml-serving' }), 'chat', { model, gpus: 1 });
    expect(() => new VllmPredictor(new Chart(app, 'prod', { namespace: 'ml-serving' }), 'chat', { model, gpus: 1 })).not.toThrow();
  });

  test('an object added by hand that collides is reported when the app synthesizes', () => {
    const app = new App({ outdir: '/tmp/hf-serving-unique-names' });
    const chart = new Chart(app, 'serving', { namespace: 'ml-serving' });
    new VllmPredictor(chart, 'chat', { model, gpus: 1 });
    new ApiObject(chart, 'mine', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'chat' } });
    expect(() => app.synth()).toThrow(/serving\/mine: makes ServiceAccount\.core ml-serving\/chat, which serving\/chat\/ServiceAccount also makes/);
  });
});
