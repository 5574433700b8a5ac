import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Engine, engineArgs, EngineContext, EngineModule, flagName } from '../../../src/core/engines/engine';
import { ENGINE_MODULES } from '../../../src/core/engines/registry';
import { HuggingFaceModel } from '../../../src/core/model';

const SRC = join(__dirname, '../../../src/core');
/** Sources whose flag and env names must all come from an engine module. */
const CHECKED = [
  ...readdirSync(join(SRC, 'policy')).filter(f => f.endsWith('.ts')).map(f => join(SRC, 'policy', f)),
  join(SRC, 'validate.ts'),
  join(SRC, 'parallelism.ts'),
  ...readdirSync(join(SRC, 'serving')).filter(f => f.endsWith('.ts')).map(f => join(SRC, 'serving', f)),
  join(SRC, 'embedding-service.ts'),
  join(SRC, 'vllm-predictor.ts'),
  join(SRC, 'torchserve-predictor.ts'),
];
/** Env names that belong to no engine: the Hub, Kubernetes, KServe's storage initializer, the cloud. */
const NOT_ENGINE_ENV = new Set([
  'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_TOKEN_PATH', 'HF_HUB_OFFLINE', 'TRANSFORMERS_OFFLINE', 'HF_HUB_DISABLE_TELEMETRY', 'DO_NOT_TRACK',
  'HF_HUB_DISABLE_IMPLICIT_TOKEN', 'STORAGE_ALLOW_PATTERNS', 'AWS_SECRET_ACCESS_KEY', 'PYTHONPATH',
]);
/** Prefixes of env names an engine owns (an engine's variables are named after it). */
const ENGINE_ENV = /\b(?:VLLM|TS|INFINITY|SGLANG|TEI|KSERVE)_[A-Z0-9_]+\b/g;

function strings(x: unknown, out: Set<string>, seen = new Set<unknown>()): Set<string> {
  if (typeof x === 'string') out.add(x);
  else if (x && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const [k, v] of Object.entries(x)) {
      out.add(k);
      strings(v, out, seen);
    }
  }
  return out;
}

/** Every flag and env name an engine module declares or renders. */
function moduleNames(m: EngineModule): Set<string> {
  const names = strings({ ...m, profiles: undefined }, new Set());
  const model = HuggingFaceModel.fromHub('org/model', { revision: 'a'.repeat(40), trustRemoteCode: true });
  for (const e of m.profiles) {
    strings({ ...e, routes: undefined }, names);
    const ctx: EngineContext = { name: 'm', model, modelPath: '/mnt/models', gpus: 2, port: 8080, tuning: {} };
    for (const a of [...engineArgs(e, ctx), ...(e.command?.(ctx) ?? [])]) names.add(flagName(a) ?? a);
    for (const v of [...e.switches.telemetryEnv, ...e.switches.offlineEnv, ...(e.env ?? [])]) names.add(v.name);
    if (e.switches.apiKeyEnv) names.add(e.switches.apiKeyEnv);
  }
  return new Set([...names].flatMap(n => [n, n.replace(/_/g, '-')]));
}

/** Code without comments (a comment may explain a flag; code may only use what a module declares). */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const known = new Set(ENGINE_MODULES.flatMap(m => [...moduleNames(m)]));

test('the registry lists each engine once, with a unique id and signature', () => {
  const ids = ENGINE_MODULES.map(m => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const m of ENGINE_MODULES) expect(m.signature.engine).toBe(m.id);
  const profiles = ENGINE_MODULES.flatMap(m => m.profiles.map(p => p.id));
  expect(new Set(profiles).size).toBe(profiles.length);
});

test.each(ENGINE_MODULES.map(m => [m.id, m] as const))('%s declares how its CLI parses flags, with a source', (_id, m) => {
  expect(['argparse', 'clap', 'click']).toContain(m.cli.parser);
  expect(m.cli.source).toMatch(/^[\w.-]+\/[\w.-]+ .+/);
  if (m.cli.parser !== 'argparse') expect(m.cli.allowAbbrev).toBeUndefined();
});

test.each(CHECKED.map(f => [f.slice(SRC.length + 1), f]))('%s names no engine flag or env that no engine module declares', (_name, file) => {
  const literals = [...code(file).matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map(m => m[0].replace(/\$\{[^}]*\}/g, '')).join('\n');
  const flags = [...literals.matchAll(/(?<![\w-])(--[a-z][a-z0-9_-]*)/g)].map(m => m[1]);
  const env = [...literals.matchAll(ENGINE_ENV)].map(m => m[0]).filter(n => !NOT_ENGINE_ENV.has(n));
  const unknown = [...flags.filter(f => !known.has(f) && !known.has(f.replace(/_/g, '-'))), ...env.filter(n => !known.has(n))];
  expect(unknown).toEqual([]);
});

test('the check itself fails on a flag or env no module declares', () => {
  expect(known.has('--no-such-flag')).toBe(false);
  expect(known.has('VLLM_NO_SUCH_SWITCH')).toBe(false);
  expect(known.has('--trust-remote-code')).toBe(true);
  expect(known.has('VLLM_SERVER_DEV_MODE')).toBe(true);
});

test.each(ENGINE_MODULES.flatMap(m => m.profiles.map(p => [p.id, p] as [string, Engine])))('%s: owned flags are dashed lower case', (_id, e) => {
  for (const f of Object.keys(e.ownedFlags)) expect(flagName(f)).toBe(f);
});
