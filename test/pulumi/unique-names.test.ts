import { HuggingFaceModel, ValidationError } from '../../src';
import { ModelCache, VllmPredictor } from '../../src/pulumi';
import { recordRegistrations } from '../support/pulumi-mocks';

recordRegistrations();
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });

test('two components of one stack that would make the same object are refused, naming both', () => {
  new ModelCache('qwen', { namespace: 'ml-serving', model, size: '20Gi' });
  let e: unknown;
  try { new VllmPredictor('qwen-download', { namespace: 'ml-serving', model, gpus: 1 }); } catch (err) { e = err; }
  expect(ValidationError.isValidationError(e)).toBe(true);
  expect((e as Error).message).toMatch(/^qwen-download: name "qwen-download" makes \S+ ml-serving\/qwen-download\S*, which qwen also makes/);
});

test('other namespaces do not collide', () => {
  new VllmPredictor('chat', { namespace: 'team-a', model, gpus: 1 });
  expect(() => new VllmPredictor('chat', { namespace: 'team-b', model, gpus: 1 })).not.toThrow();
});
