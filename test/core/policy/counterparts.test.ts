import { readFileSync } from 'fs';
import { join } from 'path';
import { RULES } from '../../../src';

const doc = readFileSync(join(__dirname, '../../../docs/policy-checks.md'), 'utf8');
const section = doc.slice(doc.indexOf('## Counterparts in other linters'), doc.indexOf('## Calibration on published manifests'));
const checkov = new Set([...section.matchAll(/^\| ([KM]\d\d) \| CKV_K8S_/gm)].map(m => m[1]));
const oursAlone = section.split('<!-- ours-alone -->')[1].split('<!-- /ours-alone -->')[0].split(', ');
const LINTERS = /kube-linter|kube-score|Polaris/;

test('every check has a counterpart named in its source or in the Checkov table, or is listed as ours alone', () => {
  const missing = RULES.filter(r => !LINTERS.test(r.source) && !checkov.has(r.id) && !oursAlone.includes(r.id)).map(r => r.id);
  expect(missing).toEqual([]);
});

test('a check listed as ours alone has no Checkov row and no kube-linter/kube-score/Polaris source (K37 only cites a related ServiceAccount check)', () => {
  const ids = new Set(RULES.map(r => r.id));
  expect(oursAlone.filter(id => !ids.has(id))).toEqual([]);
  expect(oursAlone.filter(id => checkov.has(id))).toEqual([]);
  expect(oursAlone.filter(id => id !== 'K37' && LINTERS.test(RULES.find(r => r.id === id)!.source))).toEqual([]);
});
