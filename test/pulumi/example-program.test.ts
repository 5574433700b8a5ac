import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import YAML from 'yaml';
import { kubeObjects, recordRegistrations, settle, unwrapSecrets, valueOf } from '../support/pulumi-mocks';
import { schemaErrors } from '../support/schema';

const seen = recordRegistrations();
const root = path.resolve(__dirname, '../..');
const TOKEN = 'hf_example_token_value';

async function runStack(stack: string) {
  const file = YAML.parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), 'utf8'));
  pulumi.runtime.setAllConfig({ ...file.config, 'hf-serving:hfToken': TOKEN }, ['hf-serving:hfToken']);
  seen.length = 0;
  let program: any;
  jest.isolateModules(() => { program = require('../../examples/pulumi/index'); });
  await settle();
  return { objects: kubeObjects(seen), url: await valueOf(program.llmUrl as pulumi.Output<string>) };
}

test('the Pulumi project names the example program and declares its config', () => {
  const project = YAML.parse(fs.readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8'));
  expect(project.name).toBe('hf-serving');
  expect(project.main).toBe('examples/pulumi/');
  expect(Object.keys(project.config)).toEqual(expect.arrayContaining(['falconRevision', 'gpus', 'replicas', 'mode']));
});

test('dev: a one-GPU Deployment with one replica', async () => {
  const { objects, url } = await runStack('dev');
  const d = objects.find(o => o.kind === 'Deployment');
  expect(d.metadata.namespace).toBe('ml-serving-dev');
  expect(d.spec.replicas).toBe(1);
  expect(d.spec.template.spec.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
  expect(objects.some(o => o.kind === 'InferenceService')).toBe(false);
  expect(url).toBe('http://falcon-7b.ml-serving-dev.svc.cluster.local');
  expect(schemaErrors(unwrapSecrets(objects))).toEqual([]);
});

test('prod: a KServe InferenceService with two GPUs per replica and two replicas', async () => {
  const { objects, url } = await runStack('prod');
  const isvc = objects.find(o => o.kind === 'InferenceService');
  expect(isvc.spec.predictor.minReplicas).toBe(2);
  expect(isvc.spec.predictor.model.resources.limits['nvidia.com/gpu']).toBe(2);
  expect(isvc.spec.predictor.model.args).toContain('--tensor-parallel-size=2');
  expect(url).toBe('http://falcon-7b-predictor.ml-serving.svc.cluster.local');
  expect(schemaErrors(unwrapSecrets(objects))).toEqual([]);
});

test('in every stack the token becomes a Secret (key HF_TOKEN) and no workload manifest holds it', async () => {
  for (const stack of ['dev', 'prod']) {
    const { objects } = await runStack(stack);
    const secret = objects.find(o => o.kind === 'Secret');
    expect(secret.metadata.name).toBe('falcon-7b-hf-token');
    expect(JSON.stringify(objects.filter(o => o.kind !== 'Secret'))).not.toContain(TOKEN);
  }
});
