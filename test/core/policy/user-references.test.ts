import { checkManifests } from '../../../src';
import { withUserReferences } from '../../../src/core/policy/user-references';

const deployment = (volumes: object[]) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'chat', namespace: 'ml' },
  spec: { template: { spec: { volumes, containers: [{ name: 'c', image: 'x:1' }] } } },
});

test('references whose names the props hold are declared external; made-up ones are not', () => {
  const objects = [deployment([
    { name: 'a', configMap: { name: 'team-settings' } },
    { name: 'b', configMap: { name: 'chat-config' } },
    { name: 'c', persistentVolumeClaim: { claimName: 'model-store' } },
  ])];
  const props = { envFrom: [{ configMap: 'team-settings' }], storageUri: 'pvc://model-store/resnet', nested: { self: {} as any } };
  props.nested.self = props; // cycles are skipped
  const [d] = withUserReferences(objects, props);
  expect(d.metadata).toEqual(expect.objectContaining({ annotations: { 'external.hf-serving-constructs.io/refs': 'ConfigMap/team-settings, PersistentVolumeClaim/model-store' } }));
  expect(checkManifests([d]).filter(f => f.id === 'K37').map(f => f.message)).toEqual(['ConfigMap "chat-config" is neither among the objects nor declared external']);
});

test('objects among the rendered ones are not declared', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'team-settings', namespace: 'ml' } };
  const [d] = withUserReferences([deployment([{ name: 'a', configMap: { name: 'team-settings' } }]), cm], { x: 'team-settings' });
  expect(d.metadata).toEqual({ name: 'chat', namespace: 'ml' });
});

test('a construct or Pulumi resource given as a prop counts by its own fields, not by the framework tree behind it', () => {
  // a construct's `node` reaches the whole app (scope, children): names elsewhere in the app were not written in these props
  const app = { node: { path: '', scope: undefined, children: [{ secretName: 'other-team-token' }] } };
  const cache = { claimName: 'shared-store', node: { path: 'app/cache', scope: app, id: 'cache' }, __parentResource: { name: 'stack-secret' } };
  const objects = [deployment([
    { name: 'a', persistentVolumeClaim: { claimName: 'shared-store' } },
    { name: 'b', secret: { secretName: 'other-team-token' } },
    { name: 'c', secret: { secretName: 'stack-secret' } },
  ])];
  const [d] = withUserReferences(objects, { cache });
  expect(d.metadata).toEqual({ name: 'chat', namespace: 'ml', annotations: { 'external.hf-serving-constructs.io/refs': 'PersistentVolumeClaim/shared-store' } });
});

test('a prop field named node that is not a construct node is walked like any data', () => {
  const [d] = withUserReferences([deployment([{ name: 'a', configMap: { name: 'team-settings' } }])], { node: { configMap: 'team-settings' } });
  expect(d.metadata).toEqual({ name: 'chat', namespace: 'ml', annotations: { 'external.hf-serving-constructs.io/refs': 'ConfigMap/team-settings' } });
});
