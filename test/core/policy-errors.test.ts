import { Chart, Testing } from 'cdk8s';
import { HuggingFaceModel, policyErrors, VllmPredictor } from 'hf-serving-constructs';

const deployment = (securityContext: object) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'apps' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', securityContext }] } } },
});

test('the library\'s own chart has no policy error', () => {
  const chart = new Chart(Testing.app(), 'serving', { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'chat', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' }),
    gpus: 2,
  });
  expect(policyErrors(Testing.synth(chart))).toEqual([]);
});

test('lists each error finding as one line with the check ID, object, container and fix', () => {
  const lines = policyErrors([deployment({ privileged: true })]);
  expect(lines.length).toBeGreaterThan(0);
  expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^K\d+ Deployment apps\/web( \[web\])?: .+; fix: .+/)]));
});

test('honours the checkManifests options (a waived check reports nothing)', () => {
  const all = policyErrors([deployment({ privileged: true })]);
  const ids = [...new Set(all.map(l => l.split(' ')[0]))];
  expect(policyErrors([deployment({ privileged: true })], { ignore: ids })).toEqual([]);
});
