import { ApiObject, ApiObjectMetadataDefinition, Chart, JsonPatch, Testing } from 'cdk8s';
import { escapeHatchChanges, METADATA_MUTATORS, ownedApiObject } from '../../src/cdk8s/owned-object';

function owned() {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'ml' });
  const source = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'chat' } }, data: { a: '1' } };
  return { chart, source, o: ownedApiObject(chart, 'cm', source) };
}

test('the ApiObject owns a copy: changing the rendered object afterwards changes nothing', () => {
  const { o, source } = owned();
  source.data.a = '2';
  source.metadata.labels.app = 'other';
  expect(o.toJson()).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'ml', labels: { app: 'chat' } }, data: { a: '1' } });
});

test('toJson returns a fresh copy each time: changing one result does not change the next', () => {
  const { o } = owned();
  o.toJson().data.a = 'changed';
  expect(o.toJson().data.a).toBe('1');
});

test('every escape hatch is counted and shows in the next toJson', () => {
  const { o } = owned();
  expect(escapeHatchChanges(o)).toBe(0);
  expect(o.toJson().data.a).toBe('1');
  o.addJsonPatch(JsonPatch.replace('/data/a', '3'));
  o.metadata.addLabel('team', 'ml');
  o.metadata.addAnnotation('note', 'x');
  o.metadata.addFinalizers('example.com/keep');
  o.metadata.addOwnerReference({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u' });
  o.metadata.add('generateName', 'settings-');
  expect(escapeHatchChanges(o)).toBe(6);
  expect(o.toJson()).toEqual({
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: {
      name: 'settings', namespace: 'ml', generateName: 'settings-', labels: { app: 'chat', team: 'ml' }, annotations: { note: 'x' },
      finalizers: ['example.com/keep'], ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'u' }],
    },
    data: { a: '3' },
  });
});

test('objects the library did not make are not counted', () => {
  const { chart } = owned();
  expect(escapeHatchChanges(new ApiObject(chart, 'other', { apiVersion: 'v1', kind: 'ConfigMap' }))).toBeUndefined();
});

test('contract: the counted metadata methods are every method of cdk8s ApiObjectMetadataDefinition but the readers', () => {
  const methods = Object.getOwnPropertyNames(ApiObjectMetadataDefinition.prototype).filter(m => m !== 'constructor');
  expect(methods.filter(m => !['getLabel', 'toJson'].includes(m)).sort()).toEqual([...METADATA_MUTATORS].sort());
});
