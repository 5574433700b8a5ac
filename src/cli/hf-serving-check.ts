#!/usr/bin/env node
/**
 * `hf-serving-check [--format table|json|sarif] [options] PATH... | -`: the policy checks over YAML
 * or JSON manifests from any tool (Helm output, kustomize builds, cdk8s dist/). Exit codes follow
 * kube-linter: 0 no blocking finding, 1 blocking findings, 2 usage or input error.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { blockingFindings, checkManifests, CheckOptions, RULES } from '../core/policy';
import { InputError, pathSegments, readInputs, SourcedObject } from './inputs';
import { formatJson, formatSarif, formatTable, LocatedFinding } from './report';

/** Exit codes. */
export const EXIT = { CLEAN: 0, FINDINGS: 1, USAGE: 2 } as const;

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = typeof FORMATS[number];

const USAGE = `Usage: hf-serving-check [--format table|json|sarif] [options] PATH... | -

Runs the hf-serving-constructs policy checks over Kubernetes manifests: files, folders (every
.yaml/.yml/.json below them) or - for stdin. Multi-document YAML and List kinds are read; all
objects are checked together (cross-object checks see the whole set).

Options:
  --format FORMAT        table (default), json or sarif (SARIF 2.1.0, for code scanning)
  --fail-on-warnings     exit 1 on warnings too (default: errors only)
  --ignore ID            skip a check everywhere (repeatable); prefer a waiver annotation
  --external KIND/NAME   a Secret, ConfigMap or PersistentVolumeClaim created elsewhere (repeatable),
                         e.g. Secret/hf-token or PersistentVolumeClaim/ml/model-store
  --require-digest       K19 also requires @sha256: image digests
  -h, --help             show this help

Exit codes: 0 no blocking finding, 1 blocking findings, 2 usage or input error.
Docs: docs/policy-checks.md in the hf-serving-constructs package.
`;

/** Parsed command line. */
interface Args {
  readonly format: Format;
  readonly failOnWarnings: boolean;
  readonly paths: readonly string[];
  readonly options: CheckOptions;
  readonly help: boolean;
}

class UsageError extends Error {}

const EXTERNAL_KINDS: Readonly<Record<string, 'secrets' | 'configMaps' | 'persistentVolumeClaims'>> = {
  Secret: 'secrets', ConfigMap: 'configMaps', PersistentVolumeClaim: 'persistentVolumeClaims',
};

function parseArgs(argv: readonly string[]): Args {
  let format: Format = 'table';
  let failOnWarnings = false;
  let requireDigest = false;
  let help = false;
  const ignore: string[] = [];
  const external: Record<string, string[]> = {};
  const paths: string[] = [];
  const known = new Set(RULES.map(r => r.id));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq >= 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq >= 0) return arg.slice(eq + 1);
      if (i + 1 >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[++i];
    };
    if (name === '--format') {
      const f = value();
      if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format ${f} is not one of ${FORMATS.join(', ')}`);
      format = f as Format;
    } else if (name === '--fail-on-warnings') failOnWarnings = true;
    else if (name === '--require-digest') requireDigest = true;
    else if (name === '--ignore') {
      const id = value();
      if (!known.has(id)) throw new UsageError(`--ignore ${id} is not a check ID`);
      ignore.push(id);
    } else if (name === '--external') {
      const ref = value();
      const slash = ref.indexOf('/');
      const key = EXTERNAL_KINDS[ref.slice(0, slash)];
      if (slash < 0 || !key || ref.length === slash + 1) {
        throw new UsageError(`--external ${ref} is not Secret/NAME, ConfigMap/NAME or PersistentVolumeClaim/NAME`);
      }
      (external[key] ??= []).push(ref.slice(slash + 1));
    } else if (name === '-h' || name === '--help') help = true;
    else if (arg === '-' || !arg.startsWith('-')) paths.push(arg);
    else throw new UsageError(`unknown option ${arg}`);
  }
  if (!help && paths.length === 0) throw new UsageError('give at least one file, folder, or - for stdin');
  if (paths.filter(p => p === '-').length > 1) throw new UsageError('- (stdin) can be given once');
  return { format, failOnWarnings, paths, help, options: { ignore, requireDigest, external } };
}

/** Findings with the file and line of the object (and field) each is about. */
export function locate(objects: readonly SourcedObject[], options: CheckOptions): LocatedFinding[] {
  const key = (kind: unknown, ns: unknown, name: unknown) => `${String(kind)}|${ns ?? ''}|${String(name)}`;
  const byKey = new Map<string, SourcedObject>();
  for (const s of objects) {
    const m = (s.object.metadata ?? {}) as Record<string, unknown>;
    const k = key(s.object.kind ?? '(no kind)', m.namespace, m.name ?? '(unnamed)');
    if (!byKey.has(k)) byKey.set(k, s);
  }
  return checkManifests(objects.map(s => s.object), options).map(f => {
    const src = byKey.get(key(f.object.kind, f.object.namespace, f.object.name));
    const at = src ? src.locate(pathSegments(f.path)) : { line: 1, column: 1 };
    return { ...f, file: src?.file ?? '-', line: at.line, column: at.column };
  });
}

/** The package version (for SARIF's tool.driver). */
function packageVersion(): string {
  try {
    return String(JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}

/** Where the CLI writes and reads; injectable for tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
}

/** Run the CLI; returns the exit code. */
export function main(argv: readonly string[], io: CliIo): number {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`hf-serving-check: ${e.message}\n\n${USAGE}`);
    return EXIT.USAGE;
  }
  if (args.help) {
    io.stdout(USAGE);
    return EXIT.CLEAN;
  }
  let findings: LocatedFinding[];
  try {
    findings = locate(readInputs(args.paths, io.readStdin), args.options);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr(`hf-serving-check: ${e.message}\n`);
    return EXIT.USAGE;
  }
  const text = args.format === 'json' ? formatJson(findings)
    : args.format === 'sarif' ? formatSarif(findings, packageVersion())
      : formatTable(findings);
  io.stdout(text);
  return blockingFindings(findings, args.failOnWarnings).length > 0 ? EXIT.FINDINGS : EXIT.CLEAN;
}

/* istanbul ignore next: the process entry point, exercised by the built-CLI tests */
if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), {
    stdout: t => process.stdout.write(t),
    stderr: t => process.stderr.write(t),
    readStdin: () => readFileSync(0, 'utf8'),
  });
}
