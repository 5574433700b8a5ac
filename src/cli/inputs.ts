/**
 * Reading the CLI's inputs: files, folders (recursively, `.yaml`/`.yml`/`.json`) or stdin, each a
 * multi-document YAML stream (JSON is YAML too); `List` kinds are expanded into their items. Every
 * object keeps where it came from, so findings can name a file and a line.
 */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative, sep } from 'path';
import { Document, LineCounter, parseAllDocuments } from 'yaml';

/** Where one object came from. */
export interface SourcedObject {
  readonly object: Record<string, unknown>;
  /** File path relative to the working directory (forward slashes), or `-` for stdin. */
  readonly file: string;
  /** Line (1-based) and column of a field path in the object, or of the object itself. */
  readonly locate: (segments: readonly (string | number)[]) => { readonly line: number; readonly column: number };
}

/** A problem with the inputs themselves (unreadable file, YAML syntax error): the run cannot judge them. */
export class InputError extends Error {}

const EXTENSIONS = /\.(ya?ml|json)$/i;

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Files under a path: the file itself, or every YAML/JSON file below a folder, sorted. */
export function expandPath(path: string): string[] {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path).sort().flatMap(name => {
    const child = join(path, name);
    return statSync(child).isDirectory() ? expandPath(child) : EXTENSIONS.test(name) ? [child] : [];
  });
}

/** The objects of one YAML stream, `List` items expanded. */
export function parseStream(text: string, file: string): SourcedObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(docs)) throw new InputError(`${file}: not a YAML stream`);
  const out: SourcedObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new InputError(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS({ maxAliasCount: 100 });
    if (!isObject(value)) continue;
    const at = locator(doc, lineCounter);
    if (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, i) => {
        if (isObject(item)) out.push({ object: item, file, locate: s => at(['items', i, ...s]) });
      });
    } else {
      out.push({ object: value, file, locate: at });
    }
  }
  return out;
}

/** Position of the deepest node of a path that exists in the document. */
function locator(doc: Document, lineCounter: LineCounter) {
  return (segments: readonly (string | number)[]) => {
    for (let n = segments.length; n >= 0; n--) {
      const node = doc.getIn(segments.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      const start = n === 0 ? (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] : node?.range?.[0];
      if (start !== undefined) {
        const { line, col } = lineCounter.linePos(start);
        return { line, column: col };
      }
    }
    return { line: 1, column: 1 };
  };
}

/** `spec.template.spec.containers[0].image` → `['spec', 'template', 'spec', 'containers', 0, 'image']`. */
export function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2].match(/\d+/g) ?? []) out.push(Number(idx));
  }
  return out;
}

/** Read every input: paths (files or folders) and `-` for stdin (read once). */
export function readInputs(paths: readonly string[], readStdin: () => string, cwd = process.cwd()): SourcedObject[] {
  return paths.flatMap(p => {
    if (p === '-') return parseStream(readStdin(), '-');
    return expandPath(p).flatMap(f => {
      let text: string;
      try {
        text = readFileSync(f, 'utf8');
      } catch (e) {
        throw new InputError(`${f}: ${(e as Error).message}`);
      }
      return parseStream(text, relative(cwd, f).split(sep).join('/'));
    });
  });
}
