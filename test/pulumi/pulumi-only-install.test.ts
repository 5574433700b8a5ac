import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/*
 * A Pulumi-only install: the packed library in a fresh project next to @pulumi/pulumi and
 * @pulumi/kubernetes and nothing else. Nothing is downloaded: the tarball comes from `npm pack`
 * of the built package (`npm test` builds first), and the two Pulumi packages are links to the ones
 * `npm ci` installed (their own dependencies resolve from there, as a real install would give them).
 */
const root = path.resolve(__dirname, '../..');
const CDK8S_PACKAGES = ['cdk8s', 'constructs', 'cdk8s-plus-28'];

const PROGRAM = `
const path = require('path');
const pulumi = require('@pulumi/pulumi');
const seen = [];
pulumi.runtime.setMocks({
  newResource: a => { seen.push({ type: a.type, name: a.name, kind: a.inputs.kind }); return { id: a.name + '-id', state: a.inputs }; },
  call: a => a.inputs,
}, 'hf-serving', 'dev', false);
const hf = require('hf-serving-constructs/pulumi');
const core = require('hf-serving-constructs/core');
const model = hf.HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5' });
const llm = new hf.VllmPredictor('falcon-7b', {
  namespace: 'ml-serving', model, gpus: 1, mode: hf.ServingMode.DEPLOYMENT,
  hfToken: pulumi.secret('hf_tarball_test_token'), apiKey: hf.SecretRef.of('llm-key', 'api-key'),
});
let error;
try { new hf.VllmPredictor('bad', { namespace: 'ml-serving', model, gpus: 0 }); } catch (e) {
  error = { name: e.name, validation: hf.ValidationError.isValidationError(e) && e instanceof hf.ValidationError, message: e.message };
}
let rootEntry;
try { require('hf-serving-constructs'); rootEntry = 'loaded'; } catch (e) { rootEntry = e.code + ' ' + e.message.split('\\n')[0]; }
const pkgDir = path.dirname(require.resolve('hf-serving-constructs/package.json'));
const resolvable = ${JSON.stringify(CDK8S_PACKAGES)}.filter(m => {
  for (const from of [__dirname, pkgDir]) { try { require.resolve(m, { paths: [from] }); return true; } catch { /* absent */ } }
  return false;
});
llm.url.apply(url => setTimeout(() => console.log(JSON.stringify({
  url, seen, error, rootEntry, resolvable, pkgDir,
  coreRender: typeof core.renderVllmPredictor,
  loaded: Object.keys(require.cache),
})), 100));
`;

let result: any;

beforeAll(() => {
  const built = path.join(root, 'lib', 'pulumi', 'index.js');
  if (!fs.existsSync(built)) throw new Error('lib/ is missing: run `npm run build` (npm test does) before this test');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hf-serving-pulumi-only-'));
  try {
    const packed = JSON.parse(execFileSync('npm', ['pack', '--pack-destination', dir, '--json', '--ignore-scripts', '--offline'], { cwd: root, encoding: 'utf8' }));
    const project = path.join(dir, 'project');
    const modules = path.join(project, 'node_modules');
    fs.mkdirSync(path.join(modules, '@pulumi'), { recursive: true });
    execFileSync('tar', ['-xzf', path.join(dir, packed[0].filename), '-C', dir]);
    fs.renameSync(path.join(dir, 'package'), path.join(modules, 'hf-serving-constructs'));
    for (const p of ['pulumi', 'kubernetes']) fs.symlinkSync(path.join(root, 'node_modules', '@pulumi', p), path.join(modules, '@pulumi', p), 'dir');
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pulumi-only', private: true, dependencies: { '@pulumi/pulumi': '*', '@pulumi/kubernetes': '*', 'hf-serving-constructs': '*' } }));
    fs.writeFileSync(path.join(project, 'index.js'), PROGRAM);
    result = JSON.parse(execFileSync(process.execPath, ['index.js'], { cwd: project, encoding: 'utf8' }));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the program ran against the packed library, not the repository sources', () => {
  expect(result.pkgDir).toMatch(/hf-serving-pulumi-only-.*[\\/]project[\\/]node_modules[\\/]hf-serving-constructs$/);
  const ours = result.loaded.filter((f: string) => f.includes(`${path.sep}hf-serving-constructs${path.sep}`));
  expect(ours.length).toBeGreaterThan(10);
  expect(ours.every((f: string) => f.startsWith(result.pkgDir))).toBe(true);
});

test('no cdk8s package can be found from the project or from the installed library', () => {
  expect(result.resolvable).toEqual([]);
  expect(result.loaded.filter((f: string) => CDK8S_PACKAGES.some(m => f.includes(`${path.sep}node_modules${path.sep}${m}${path.sep}`)))).toEqual([]);
  // proof that the check bites: the cdk8s entry point cannot load in this project
  expect(result.rootEntry).toMatch(/^MODULE_NOT_FOUND Cannot find module '(constructs|cdk8s|cdk8s-plus-28)'/);
});

test('the components register their objects under mocks, with the shared types from the Pulumi entry', () => {
  expect(result.url).toBe('http://falcon-7b.ml-serving.svc.cluster.local');
  expect(result.seen.filter((r: any) => r.kind).map((r: any) => r.kind).sort())
    // with the ModelCache made for the model (claim, download Job, its ServiceAccount and policies)
    .toEqual(['Deployment', 'Job', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'PersistentVolumeClaim', 'PodDisruptionBudget',
      'Secret', 'Service', 'ServiceAccount', 'ServiceAccount']);
  expect(result.seen.find((r: any) => r.name === 'falcon-7b').type).toBe('hf-serving:index:VllmPredictor');
  expect(result.coreRender).toBe('function');
});

test('bad input throws the library ValidationError, importable from the Pulumi entry', () => {
  expect(result.error).toEqual({ name: 'ValidationError', validation: true, message: expect.stringContaining('bad: gpus 0 is not a valid GPU count') });
});
