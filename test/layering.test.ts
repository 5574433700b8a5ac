import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';

/**
 * The layers of ARCHITECTURE.md, lowest first (a file belongs to the first layer that claims it): a
 * module may import its own layer and those below, never one above. `engines` are data (they read only the base facts); the core is framework-free;
 * the cdk8s and Pulumi front ends sit over the core and never load each other.
 */
const LAYERS: readonly { readonly name: string; readonly has: (file: string) => boolean }[] = [
  {
    name: 'base facts and types',
    has: f => ['core/kube.ts', 'core/errors.ts', 'core/redact.ts', 'core/model.ts', 'core/pod-security.ts', 'core/kserve-release.ts',
      'core/paths.ts'].includes(f) || f.startsWith('core/crds/'),
  },
  { name: 'engine modules (data)', has: f => f.startsWith('core/engines/') && !['core/engines/locks.ts', 'core/engines/cli-flags.ts'].includes(f) },
  { name: 'core building blocks, validation and policy', has: f => f.startsWith('core/') && !f.startsWith('core/serving/') && !FAMILIES.includes(f)
    && f !== 'core/index.ts' },
  { name: 'render path (resolve, build)', has: f => f.startsWith('core/serving/') },
  { name: 'construct families (render functions) and reports over them', has: f => FAMILIES.includes(f) },
  { name: 'framework-free entries', has: f => f === 'core/index.ts' || f === 'shared.ts' },
  { name: 'front ends (cdk8s, Pulumi)', has: f => (f.startsWith('cdk8s/') || f.startsWith('pulumi/')) && f !== 'pulumi/index.ts' },
  { name: 'package entries', has: f => f === 'index.ts' || f === 'pulumi/index.ts' },
  { name: 'tools (CLI, cdk8s plugin, policy pack)', has: f => ['cli/', 'cdk8s-plugin/', 'pulumi-policy/'].some(d => f.startsWith(d)) },
];
/**
 * Modules that render one construct (the core side of a construct or component), and reports over
 * what the render path emits (the cluster requirements table reads the Knative ingress namespaces).
 * `model-cache` is a building block, not a family here: the serving render path makes a cache for
 * its model with it (delivery outside the serving pod), as the ModelCache construct does.
 */
const FAMILIES = ['vllm-predictor', 'llm-predictor', 'embedding-service', 'torchserve-predictor', 'hub-token-external-secret',
  'gpu-node-pool', 'cluster-requirements'].map(n => `core/${n}.ts`);
/** Packages of the front ends: nothing below them may load these. */
const FRAMEWORKS = /^(cdk8s|cdk8s-plus-\d+|constructs|@pulumi\/.*)$/;

const SRC = join(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(n => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [relative(SRC, p)] : [];
  });
}

/** Module specifiers a file imports, re-exports or requires (type-only imports count: they bind the layers too). */
function specifiers(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...text.matchAll(/(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)'([^']+)'/g)].map(m => m[1]);
}

/** A relative specifier as a file under `src/` (`./x` → `x.ts` or `x/index.ts`). */
function resolve(from: string, spec: string): string {
  const base = join(dirname(from), spec);
  return existsSync(join(SRC, `${base}.ts`)) ? `${base}.ts` : join(base, 'index.ts');
}

function layerOf(file: string): number {
  const i = LAYERS.findIndex(l => l.has(file));
  if (i < 0) throw new Error(`${file} is in no layer: add it to LAYERS`);
  return i;
}

const ALL = files(SRC);
const EDGES = ALL.flatMap(from => specifiers(from).map(spec => ({ from, spec, to: spec.startsWith('.') ? resolve(from, spec) : undefined })));

test('every source file is in a layer', () => {
  expect(ALL.length).toBeGreaterThan(100);
  expect(ALL.filter(f => !LAYERS.some(l => l.has(f)))).toEqual([]);
});

test('no module imports one from a layer above it', () => {
  const up = EDGES.filter(e => e.to && layerOf(e.to) > layerOf(e.from))
    .map(e => `${e.from} (${LAYERS[layerOf(e.from)].name}) imports ${e.to} (${LAYERS[layerOf(e.to!)].name})`);
  expect(up).toEqual([]);
});

test('the core (everything below the front ends) loads neither cdk8s nor Pulumi', () => {
  const front = LAYERS.findIndex(l => l.name.startsWith('front ends'));
  const loads = EDGES.filter(e => !e.to && FRAMEWORKS.test(e.spec) && layerOf(e.from) < front).map(e => `${e.from} imports ${e.spec}`);
  expect(loads).toEqual([]);
});

test('the cdk8s front end never loads Pulumi, and the Pulumi front end never loads cdk8s', () => {
  const crossing = EDGES.filter(e => {
    const target = e.to ?? e.spec;
    if (e.from.startsWith('cdk8s/')) return /^@pulumi\//.test(e.spec) || target.startsWith('pulumi/');
    if (e.from.startsWith('pulumi/')) return /^(cdk8s|constructs)/.test(e.spec) || target.startsWith('cdk8s/');
    return false;
  }).map(e => `${e.from} imports ${e.spec}`);
  expect(crossing).toEqual([]);
});

test('the layer check sees imports: it resolves this repository\'s own edges', () => {
  // a check that found no edges could not fail; the render path must be seen reading an engine module
  expect(EDGES.some(e => e.from === 'core/serving/resolve.ts' && e.to?.startsWith('core/engines/'))).toBe(true);
  expect(EDGES.some(e => e.from.startsWith('pulumi/') && e.spec === '@pulumi/pulumi')).toBe(true);
  expect(layerOf('core/engines/vllm.ts')).toBeLessThan(layerOf('core/serving/resolve.ts'));
});
