import { execFileSync } from 'child_process';
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
