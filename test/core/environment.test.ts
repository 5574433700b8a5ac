import { Chart, Testing } from 'cdk8s';
import {
  EmbeddingBackend, Environment, HuggingFaceEmbeddingService, HuggingFaceModel, ServingMode,
  TorchServePredictor, ValidationError, VllmPredictor,
} from 'hf-serving-constructs';
import { applyEnvironment } from '../../src/core/environment';
import { sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });

describe('applyEnvironment (a pure merge)', () => {
  test('fills in the defaults the props do not set', () => {
    expect(applyEnvironment({ replicas: 1 }, { gpus: 2 })).toEqual({ replicas: 1, gpus: 2 });
  });

  test('a prop the user sets wins, even when set to undefined', () => {
    const monitoring = { namespace: 'observability' };
    expect(Environment.PROD.apply({ monitoring }).monitoring).toBe(monitoring);
    expect('monitoring' in Environment.PROD.apply({ monitoring: undefined })).toBe(true);
    expect(Environment.PROD.apply({ monitoring: undefined }).monitoring).toBeUndefined();
  });

  test('replicas and autoscaling are one choice: setting either drops the preset\'s value of both', () => {
    expect(Environment.PROD.apply({ replicas: 3 })).toEqual({ replicas: 3, monitoring: { namespace: 'monitoring' } });
    const autoscaling = { minReplicas: 1, maxReplicas: 2 };
    expect(applyEnvironment({ replicas: 1 }, { autoscaling })).toEqual({ autoscaling });
  });

  test('does not change its inputs', () => {
    const props = { gpus: 1 };
    Environment.PROD.apply(props);
    expect(props).toEqual({ gpus: 1 });
    expect(Environment.PROD.defaults).toEqual({ autoscaling: { minReplicas: 2, maxReplicas: 4 }, monitoring: { namespace: 'monitoring' } });
  });
});

describe('the presets', () => {
  test('DEV: one replica, no autoscaler, no monitoring', () => {
    expect(Environment.DEV.name).toBe('dev');
    expect(Environment.DEV.defaults).toEqual({ replicas: 1 });
  });

  test('PROD: autoscaled 2 to 4 replicas, monitored from namespace monitoring', () => {
    expect(Environment.PROD.name).toBe('prod');
    expect(Environment.PROD.defaults).toEqual({ autoscaling: { minReplicas: 2, maxReplicas: 4 }, monitoring: { namespace: 'monitoring' } });
  });

  test('Environment.of refuses a name that is not a DNS label', () => {
    expect(() => Environment.of('Staging Env', {})).toThrow(ValidationError);
    expect(Environment.of('staging', { replicas: 2 }).apply({})).toEqual({ replicas: 2 });
  });
});

const kinds = (chart: Chart): string[] => Testing.synth(chart).map((o: any) => o.kind);

describe.each(Object.values(ServingMode))('mode %s', mode => {
  const builds = {
    VllmPredictor: (chart: Chart, props: object) => new VllmPredictor(chart, 'm', { model, gpus: 1, mode, cache: sharedCache(model), ...props }),
    HuggingFaceEmbeddingService: (chart: Chart, props: object) => new HuggingFaceEmbeddingService(chart, 'm', {
      model: gte, backend: EmbeddingBackend.KSERVE, mode, cache: sharedCache(gte), ...props,
    }),
  };
  test.each(Object.keys(builds))('%s: PROD adds a PodMonitor, DEV no monitor and no autoscaler', name => {
    const build = builds[name as keyof typeof builds];
    const prod = new Chart(Testing.app(), 'prod', { namespace: 'ml-serving' });
    build(prod, Environment.PROD.apply({}));
    const dev = new Chart(Testing.app(), 'dev', { namespace: 'ml-serving' });
    build(dev, Environment.DEV.apply({}));
    expect(kinds(prod)).toEqual(expect.arrayContaining(['PodDisruptionBudget', 'PodMonitor']));
    expect(kinds(dev)).toEqual(expect.arrayContaining(['PodDisruptionBudget']));
    expect(kinds(dev)).not.toEqual(expect.arrayContaining(['PodMonitor']));
    expect(kinds(dev)).not.toEqual(expect.arrayContaining(['HorizontalPodAutoscaler']));
    expect(kinds(dev)).not.toEqual(expect.arrayContaining(['ScaledObject']));
  });
});

test('TorchServePredictor takes the presets too', () => {
  for (const env of [Environment.DEV, Environment.PROD]) {
    const chart = new Chart(Testing.app(), env.name, { namespace: 'ml-serving' });
    new TorchServePredictor(chart, 'resnet', env.apply({ storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode: ServingMode.DEPLOYMENT }));
    expect(kinds(chart)).toEqual(expect.arrayContaining(['Deployment']));
  }
});
