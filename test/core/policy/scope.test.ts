import { Testing } from 'cdk8s';
import { EXAMPLES } from '../../../examples/cdk8s';
import { checkManifests, describeRef, RULES } from '../../../src';
import { CROSS_OBJECT_CHECKS } from '../../../src/core/policy/scope';
import { BASE_NAMES, BASES } from './fixtures';
import { CASES } from './cases';

/** Single-object findings of a set: each object checked alone, rules outside CROSS_OBJECT_CHECKS. */
function alone(objects: any[]): string[] {
  return objects.flatMap(o => checkManifests([o])).filter(f => !CROSS_OBJECT_CHECKS.has(f.id)).map(f => `${f.id} ${describeRef(f.object)} ${f.path} ${f.message}`).sort();
}
function inSet(objects: any[]): string[] {
  return checkManifests(objects).filter(f => !CROSS_OBJECT_CHECKS.has(f.id)).map(f => `${f.id} ${describeRef(f.object)} ${f.path} ${f.message}`).sort();
}

test('every listed cross-object check is a rule', () => {
  const ids = new Set(RULES.map(r => r.id));
  expect([...CROSS_OBJECT_CHECKS].filter(id => !ids.has(id))).toEqual([]);
});

test.each(Object.keys(EXAMPLES))('example %s: the single-object checks find the same on each object alone as in the set', id => {
  const objects = Testing.synth(EXAMPLES[id](Testing.app()));
  expect(alone(objects)).toEqual(inSet(objects));
});

test('failing fixtures: the single-object checks find the same alone as in the set', () => {
  const builds = [...BASE_NAMES.map(b => BASES[b]()), ...CASES.flatMap(c => c.cases).map(c => c.build())];
  const differing = builds.filter(objects => JSON.stringify(alone(objects)) !== JSON.stringify(inSet(objects)));
  expect(differing.map(objects => objects.map(o => describeRef({ kind: o.kind, name: o.metadata?.name, namespace: o.metadata?.namespace })).join(', '))).toEqual([]);
});
