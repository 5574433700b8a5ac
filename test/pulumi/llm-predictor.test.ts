import { HuggingFaceModel, LlmEngine, ServingMode } from '../../src';
import { LlmPredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle, valueOf } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });

beforeEach(() => { seen.length = 0; });

test('registers LlmPredictor with SGLang as a custom predictor container, children named after it', async () => {
  const p = new LlmPredictor('chat', { namespace: 'ml-serving', model, engine: LlmEngine.SGLANG, gpus: 1 });
  await settle();
  expect(seen.find(r => r.name === 'chat')?.type).toBe('hf-serving:index:LlmPredictor');
  const isvc = kubeObjects(seen).find(o => o.kind === 'InferenceService') as any;
  expect(isvc.spec.predictor.containers[0].image).toMatch(/^lmsysorg\/sglang:/);
  expect(seen.filter(r => r.type !== 'hf-serving:index:LlmPredictor').every(r => r.name.startsWith('chat'))).toBe(true);
  expect(await valueOf(p.apiBasePath)).toBe('/v1');
});

test('the engine may be a Pulumi Input', async () => {
  new LlmPredictor('deploy', { namespace: 'ml-serving', model, engine: Promise.resolve(LlmEngine.SGLANG), gpus: 1, mode: ServingMode.DEPLOYMENT });
  await settle();
  const deployment = kubeObjects(seen).find(o => o.kind === 'Deployment') as any;
  expect(deployment.spec.template.spec.containers[0].command).toEqual(['python3', '-m', 'sglang.launch_server']);
});
