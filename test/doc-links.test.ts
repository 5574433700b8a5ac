import * as fs from 'fs';
import * as path from 'path';

// Every relative link in the repository's Markdown points at a file of the repository, so a reader
// following the README, CONTRIBUTING or docs/ never meets a dead link. External links and the
// generated API reference (docs/api/, made by `npm run docs`) are not checked.
const root = path.resolve(__dirname, '..');
const pages = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md',
  ...fs.readdirSync(path.join(root, 'docs')).filter(f => f.endsWith('.md')).map(f => `docs/${f}`)];

/** Relative link targets of a Markdown text (inline links, not inside code spans or blocks). */
function relativeLinks(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map(m => m[1])
    .filter(t => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

test.each(pages)('%s has no dead relative link', page => {
  const dir = path.dirname(path.join(root, page));
  const dead = relativeLinks(fs.readFileSync(path.join(root, page), 'utf8'))
    .map(t => t.split('#')[0])
    .filter(t => !t.startsWith('docs/api/') && !fs.existsSync(path.resolve(dir, decodeURIComponent(t))));
  expect(dead).toEqual([]);
});

test('the link reader finds relative links and skips external ones and code', () => {
  expect(relativeLinks('[a](docs/x.md) [b](https://e.example) [c](#top) `[d](no.md)` [e](../y.md#s)')).toEqual(['docs/x.md', '../y.md#s']);
});
