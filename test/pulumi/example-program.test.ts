import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import YAML from 'yaml';
import { kubeObjects, recordRegistrations, settle, unwrapSecrets, valueOf } from '../support/pulumi-mocks';
import { schemaErrors } from '../support/schema';

const seen = recordRegistrations();
const root = path.resolve(__dirname, '../..');
const TOKEN = 'hf_example_token_value';

/** The stack files next to Pulumi.yaml: one per environment. */
const STACKS = fs.readdirSync(root).map(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort();
const stackConfig = (stack: string): Record<string, string> => YAML.parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), 'utf8')).config;

async function runStack(stack: string) {
  pulumi.runtime.setAllConfig({ ...stackConfig(stack), 'hf-serving:hfToken': TOKEN }, ['hf-serving:hfToken']);
  seen.length = 0;
  let program: any;
  jest.isolateModules(() => { program = require('../../examples/pulumi/index'); });
  await settle();
  return { objects: kubeObjects(seen), registrations: [...seen], url: await valueOf(program.llmUrl as pulumi.Output<string>) };
}

test('there is a dev and a prod stack, and every key they set is declared in Pulumi.yaml', () => {
  expect(STACKS).toEqual(expect.arrayContaining(['dev', 'prod']));
  const project = YAML.parse(fs.readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8'));
  for (const stack of STACKS) {
    const keys = Object.keys(stackConfig(stack)).map(k => k.replace(/^hf-serving:/, ''));
    expect(keys.filter(k => !(k in project.config))).toEqual([]);
    expect(keys).toEqual(expect.arrayContaining(['falconRevision', 'gpus']));
  }
});

test('the program reads every config key Pulumi.yaml declares (nothing is hard-coded per environment)', () => {
  const program = fs.readFileSync(path.join(root, 'examples/pulumi/index.ts'), 'utf8');
  const project = YAML.parse(fs.readFileSync(path.join(root, 'Pulumi.yaml'), 'utf8'));
  for (const key of [...Object.keys(project.config), 'hfToken']) expect({ key, read: program.includes(`'${key}'`) }).toEqual({ key, read: true });
});

test.each(STACKS)('stack %s: the objects follow its config, and what Pulumi awaits may wait the whole startup budget', async stack => {
  const cfg = stackConfig(stack);
  const { objects, registrations } = await runStack(stack);
  const gpus = Number(cfg['hf-serving:gpus']);
  const replicas = Number(cfg['hf-serving:replicas'] ?? 1);
  const startup = Number(cfg['hf-serving:startupTimeoutSeconds'] ?? 1800);
  const workload = objects.find(o => o.kind === 'Deployment' || o.kind === 'InferenceService');
  expect(workload.kind).toBe(cfg['hf-serving:mode'] === 'DEPLOYMENT' ? 'Deployment' : 'InferenceService');
  expect(objects.every(o => o.metadata.namespace === (cfg['hf-serving:namespace'] ?? 'ml-serving'))).toBe(true);
  const container = workload.kind === 'Deployment' ? workload.spec.template.spec.containers[0] : workload.spec.predictor.model;
  expect(container.resources.limits['nvidia.com/gpu']).toBe(gpus);
  expect(workload.kind === 'Deployment' ? workload.spec.replicas : workload.spec.predictor.minReplicas).toBe(replicas);
  for (const r of registrations.filter(x => ['Deployment', 'Service'].includes(x.inputs?.kind))) {
    expect(Number(r.options.customTimeouts!.create.replace(/s$/, ''))).toBeGreaterThanOrEqual(replicas * startup);
  }
});

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
    expect(secret.metadata.name).toBe('falcon-7b-cache-hf-token');
    expect(JSON.stringify(objects.filter(o => o.kind !== 'Secret'))).not.toContain(TOKEN);
  }
});
