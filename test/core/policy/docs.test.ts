import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { checkManifests, RULES } from '../../../src';
import { docsLink } from '../../../src/core/policy/locate';
import { deploymentBundle } from './fixtures';

const doc = readFileSync(join(__dirname, '../../../docs/policy-checks.md'), 'utf8');

test.each(RULES.map(r => [r.id, r] as const))('docs/policy-checks.md lists %s with its severity and source', (id, r) => {
  const anchor = `<a id="${id.toLowerCase()}"></a>`;
  const row = doc.split('\n').find(l => l.startsWith(`| ${anchor}${id} |`));
  expect(row).toBe(`| ${anchor}${id} | ${r.title} | ${r.severity} | ${r.source} |`);
});

test.each(RULES.map(r => [r.id] as const))('the docs link of %s is an anchor that exists in docs/policy-checks.md', id => {
  const link = docsLink(id);
  expect(link).toBe(`docs/policy-checks.md#${id.toLowerCase()}`);
  expect(doc).toContain(`<a id="${link.split('#')[1]}"></a>`);
});

test('the documented YAML recipe finds the same problems as the objects themselves', () => {
  const objects = deploymentBundle();
  objects[1].spec.template.spec.hostNetwork = true;
  const text = `---\n${objects.map(o => stringify(o)).join('---\n')}---\n`;
  const parsed = parseAllDocuments(text).map(d => d.toJS()).filter(Boolean);
  expect(checkManifests(parsed)).toEqual(checkManifests(objects));
  expect(checkManifests(parsed).map(f => f.id)).toEqual(['K01']);
});
