import { readdirSync, readFileSync, statSync } from 'fs';
import * as path from 'path';
import data from './support/model-revisions.json';

// Every pinned model revision a user can copy from this repository is a real commit of its model
// repository: each one is listed, with where it was confirmed, in test/support/model-revisions.json.
const root = path.join(__dirname, '..');
const HEX40 = /(?<![0-9a-fA-F])[0-9a-fA-F]{40}(?![0-9a-fA-F])/g;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap(name => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** What users read and copy: examples, docs, benchmark, sources, root Markdown and the Pulumi stack files. */
const scanned = [
  ...['examples', 'docs', 'bench', 'src'].flatMap(d => files(path.join(root, d))),
  ...readdirSync(root).filter(f => /\.md$|^Pulumi\..*\.ya?ml$/.test(f)).map(f => path.join(root, f)),
].filter(f => /\.(ts|md|ya?ml|json)$/.test(f));

const listed = new Map(data.revisions.map(r => [r.revision, r]));

test('every listed revision names its repository and at least one public source', () => {
  for (const r of data.revisions) {
    expect(r.repository).toMatch(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/);
    expect(r.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(r.confirmedIn.length).toBeGreaterThan(0);
  }
});

test('scans the files users copy from (the scan is not empty)', () => {
  expect(scanned.some(f => f.endsWith('README.md'))).toBe(true);
  expect(scanned.some(f => f.endsWith(path.join('examples', 'cdk8s', 'remote-code.ts')))).toBe(true);
});

test.each(scanned.map(f => [path.relative(root, f)]))('%s: every 40-hex revision is a listed commit of the repository used there', rel => {
  const text = readFileSync(path.join(root, rel), 'utf8');
  const unknown: string[] = [];
  for (const [hex] of text.matchAll(HEX40)) {
    const entry = listed.get(hex);
    if (!entry) unknown.push(hex);
    else expect({ hex, repositoryInFile: text.includes(entry.repository) }).toEqual({ hex, repositoryInFile: true });
  }
  expect(unknown).toEqual([]);
});
