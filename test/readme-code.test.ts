import { readFileSync } from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

// Every TypeScript block of the README type-checks against the package's sources. A block may use
// `chart` and `model` and the package's exports without declaring or importing them (the README
// shows fragments of one program); anything else it uses must be imported or declared in the block.
const root = path.join(__dirname, '..');
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map(m => ({
  line: readme.slice(0, m.index).split('\n').length,
  code: m[1],
}));

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  noEmit: true,
  types: ['node', 'jest'],
  baseUrl: root,
  paths: { 'hf-serving-constructs': ['src/index.ts'], 'hf-serving-constructs/pulumi': ['src/pulumi/index.ts'] },
};

/** Names of the values the package exports (classes, enums, functions, constants). */
function packageExports(): string[] {
  return Object.keys(require('hf-serving-constructs')).filter(n => n !== '__esModule');
}

/** The block, with what it does not import or declare itself supplied in front of it. */
function withPrelude(code: string, exported: readonly string[]): string {
  const imported = new Set([...code.matchAll(/import\s*(?:\{([^}]*)\}|\*\s+as\s+(\w+))/g)]
    .flatMap(m => (m[1] ?? m[2]).split(',').map(n => n.trim().split(/\s+as\s+/).pop()!).filter(Boolean)));
  const declared = (name: string) => imported.has(name) || new RegExp(`\\b(?:const|let|class|function)\\s+${name}\\b`).test(code);
  const lines = [
    `import { ${exported.filter(n => !declared(n)).join(', ')} } from 'hf-serving-constructs';`,
    ...(['App', 'Chart'].some(declared) ? [] : ["import { App, Chart } from 'cdk8s';"]),
    ...(declared('chart') ? [] : ['declare const chart: Chart;']),
    ...(declared('model') ? [] : ['declare const model: HuggingFaceModel;']),
    'export {};',
  ];
  return `${lines.join('\n')}\n${code}`;
}

test('the README has TypeScript blocks to check', () => {
  expect(blocks.length).toBeGreaterThan(5);
});

test('every TypeScript block of the README type-checks', () => {
  const exported = packageExports();
  const files = new Map(blocks.map((b, i) => [path.join(root, 'test', `readme-block-${i}.ts`), withPrelude(b.code, exported)]));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version) => files.has(name) ? ts.createSourceFile(name, files.get(name)!, version) : getSourceFile(name, version);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = name => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  const problems = ts.getPreEmitDiagnostics(program)
    .filter(d => d.file && files.has(d.file.fileName))
    .map(d => {
      const i = [...files.keys()].indexOf(d.file!.fileName);
      const prelude = files.get(d.file!.fileName)!.split('\n').length - blocks[i].code.split('\n').length;
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `README.md:${blocks[i].line + 1 + line - prelude}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  expect(problems).toEqual([]);
}, 300_000); // one compiler run over the sources and both front ends' type declarations
