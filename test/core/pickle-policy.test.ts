import { checkManifests, describeRef, HuggingFaceModel, ModelCache, ServingMode, VllmPredictor } from '../../src';
import { synth, testChart } from '../support/objects';

// Issue 3: pickle formats need allowPickleWeights: true and are flagged by the policy checks.
const pickle = HuggingFaceModel.fromHub('acme/old-llm', { revision: '0123456789abcdef0123456789abcdef01234567', allowPickleWeights: true });
const safe = HuggingFaceModel.fromHub('acme/old-llm', { revision: '0123456789abcdef0123456789abcdef01234567' });

describe.each(Object.values(ServingMode))('mode %s', mode => {
  test('a predictor that allows pickle weights is flagged (M04)', () => {
    const chart = testChart();
    new VllmPredictor(chart, 'old-llm', { model: pickle, gpus: 1, mode, extraArgs: [] });
    const m04 = checkManifests(synth(chart)).filter(f => f.id === 'M04');
    expect(m04.length).toBeGreaterThan(0);
  });

  test('the same predictor without pickle weights is not flagged', () => {
    const chart = testChart();
    new VllmPredictor(chart, 'old-llm', { model: safe, gpus: 1, mode });
    expect(checkManifests(synth(chart)).filter(f => f.id === 'M04')).toEqual([]);
  });
});

test('a cache whose download allows pickle files is flagged (M04)', () => {
  const chart = testChart();
  new ModelCache(chart, 'old-cache', { model: pickle, size: '20Gi' });
  expect(checkManifests(synth(chart)).filter(f => f.id === 'M04').map(f => describeRef(f.object))).toContain('Job ml-serving/old-cache-download');
});
