import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { checkManifests, RULES } from '../../../src';
import { deploymentBundle } from './fixtures';

const doc = readFileSync(join(__dirname, '../../../docs/policy-checks.md'), 'utf8');

test.each(RULES.map(r => [r.id, r] as const))('docs/policy-checks.md lists %s with its severity and source', (id, r) => {
  const row = doc.split('\n').find(l => l.startsWith(`| ${id} |`));
  expect(row).toBe(`| ${id} | ${r.title} | ${r.severity} | ${r.source} |`);
});

test('the documented YAML recipe finds the same problems as the objects themselves', () => {
  const objects = deploymentBundle();
  objects[1].spec.template.spec.hostNetwork = true;
  const text = `---\n${objects.map(o => stringify(o)).join('---\n')}---\n`;
  const parsed = parseAllDocuments(text).map(d => d.toJS()).filter(Boolean);
  expect(checkManifests(parsed)).toEqual(checkManifests(objects));
  expect(checkManifests(parsed).map(f => f.id)).toEqual(['K01']);
});
