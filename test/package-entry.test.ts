import { execFileSync } from 'child_process';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';

// These run against the built package (`npm test` builds first), through package.json "exports".
const root = path.resolve(__dirname, '..');
function loadedModules(entry: string): string[] {
  const script = `require(${JSON.stringify(entry)}); console.log(JSON.stringify(Object.keys(require.cache)));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
}

test('require("hf-serving-constructs") loads no @pulumi module', () => {
  const loaded = loadedModules('hf-serving-constructs');
  expect(loaded.some(f => f.includes(`${path.sep}lib${path.sep}index.js`))).toBe(true);
  expect(loaded.filter(f => f.includes(`${path.sep}@pulumi${path.sep}`))).toEqual([]);
});

test('require("hf-serving-constructs/pulumi") loads the Pulumi components', () => {
  const loaded = loadedModules('hf-serving-constructs/pulumi');
  expect(loaded.some(f => f.includes(`${path.sep}@pulumi${path.sep}kubernetes${path.sep}`))).toBe(true);
});

test('the built entry points export the public classes', () => {
  const script = 'const a = require("hf-serving-constructs"); const b = require("hf-serving-constructs/pulumi");'
    + 'console.log(JSON.stringify([typeof a.VllmPredictor, typeof a.HuggingFaceModel, typeof a.SecretRef, typeof a.ServingMode, typeof b.VllmPredictor]));';
  expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toEqual(['function', 'function', 'function', 'object', 'function']);
});

const CDK8S_MODULE = /node_modules[\\/](cdk8s|constructs|cdk8s-plus-28)[\\/]/;

test('require("hf-serving-constructs/pulumi") loads no cdk8s package', () => {
  expect(loadedModules('hf-serving-constructs/pulumi').filter(f => CDK8S_MODULE.test(f))).toEqual([]);
});

test('the Pulumi entry exports everything the cdk8s entry shares', () => {
  const script = 'const p = require("hf-serving-constructs/pulumi"); const c = require("hf-serving-constructs");'
    + 'console.log(JSON.stringify([Object.keys(c).filter(k => !(k in p)).sort(), Object.keys(p).filter(k => !(k in c)).sort()]));';
  const [onlyCdk8s, onlyPulumi] = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }));
  // the cdk8s-only value is the synth-time policy; nothing else is missing
  expect(onlyCdk8s).toEqual(['ServingPolicy']);
  expect(onlyPulumi).toEqual([]);
});

test('require("hf-serving-constructs/core") loads neither cdk8s nor Pulumi and exports the render functions', () => {
  const loaded = loadedModules('hf-serving-constructs/core');
  expect(loaded.filter(f => CDK8S_MODULE.test(f) || f.includes(`${path.sep}@pulumi${path.sep}`))).toEqual([]);
  const script = 'const c = require("hf-serving-constructs/core"); console.log(JSON.stringify([typeof c.renderVllmPredictor, typeof c.HuggingFaceModel, typeof c.ValidationError]));';
  expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toEqual(['function', 'function', 'function']);
});

const POLICY_ENGINE = /[\\/]lib[\\/]core[\\/]policy[\\/](rules|check|flag-checks|pod-security-checks)\.js$/;

test('require("hf-serving-constructs") loads neither cdk8s-plus nor the policy engine until they are used', () => {
  const loaded = loadedModules('hf-serving-constructs');
  expect(loaded.filter(f => /node_modules[\\/]cdk8s-plus-28[\\/]/.test(f) || POLICY_ENGINE.test(f))).toEqual([]);
  // first use loads the engine: RULES reads the table, checkManifests runs it
  const script = 'const c = require("hf-serving-constructs"); const n = c.RULES.length;'
    + 'const f = c.checkManifests([{ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "x:latest" }] } }]);'
    + 'console.log(JSON.stringify([n > 40, f.length > 0, Object.keys(require.cache).filter(k => /policy[\\\\/]rules\\.js$/.test(k)).length]));';
  expect(JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' }))).toEqual([true, true, 1]);
});

/** Every `.d.ts` file under `dir`. */
function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap(e => (e.isDirectory() ? declarationFiles(path.join(dir, e.name)) : e.name.endsWith('.d.ts') ? [path.join(dir, e.name)] : []));
}

test('the published declarations name only dependencies and peer dependencies (the types from schemas stay development-only)', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const allowed = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {})]);
  const named = declarationFiles(path.join(root, 'lib')).flatMap(f => [...readFileSync(f, 'utf8').matchAll(/(?:from |import\()['"]([^'".][^'"]*)['"]/g)]
    .map(m => ({ file: path.relative(root, f), pkg: m[1].startsWith('@') ? m[1].split('/').slice(0, 2).join('/') : m[1].split('/')[0] })));
  expect(named.some(n => n.pkg === 'kubernetes-models')).toBe(true);
  expect(named.filter(n => !allowed.has(n.pkg)).map(n => `${n.file}: ${n.pkg}`)).toEqual([]);
});

test('the object types cost nothing at run time: no entry loads kubernetes-models or the crds/ modules', () => {
  const TYPES_ONLY = /node_modules[\\/](kubernetes-models|@kubernetes-models)[\\/]|[\\/]lib[\\/]core[\\/]crds[\\/]/;
  for (const entry of ['hf-serving-constructs', 'hf-serving-constructs/core']) {
    expect(loadedModules(entry).filter(f => TYPES_ONLY.test(f))).toEqual([]);
  }
});
