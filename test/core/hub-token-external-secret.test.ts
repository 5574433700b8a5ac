import { HubTokenExternalSecretProps, renderHubTokenExternalSecret, SecretStoreKind } from '../../src/core';
import { HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS, HUB_TOKEN_KEY } from '../../src/core/hub-token-external-secret';
import { schemaErrors } from '../support/schema';

const ctx = { path: 'serving/hf-token', name: 'hf-token', namespace: 'ml-serving' };
const render = (p: Partial<HubTokenExternalSecretProps> = {}) => renderHubTokenExternalSecret({ storeName: 'vault', remoteKey: 'ml/huggingface', ...p }, ctx);

test('defaults: refreshed hourly from a namespaced SecretStore, into key HF_TOKEN', () => {
  expect(HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS).toEqual({ refreshInterval: '1h', storeKind: SecretStoreKind.SECRET_STORE });
  expect(HUB_TOKEN_KEY).toBe('HF_TOKEN');
  const [es] = render().objects as any[];
  expect(es.spec.refreshInterval).toBe('1h');
  expect(es.spec.secretStoreRef).toEqual({ kind: 'SecretStore', name: 'vault' });
});

test('emits an external-secrets.io/v1 ExternalSecret that creates and owns Secret <name> with key HF_TOKEN', () => {
  const r = render({ storeKind: SecretStoreKind.CLUSTER_SECRET_STORE, remoteProperty: 'token', refreshInterval: '15m' });
  expect(r.objects).toHaveLength(1);
  const [es] = r.objects as any[];
  expect(es.apiVersion).toBe('external-secrets.io/v1');
  expect(es.kind).toBe('ExternalSecret');
  expect(es.metadata).toMatchObject({ name: 'hf-token', namespace: 'ml-serving' });
  expect(es.spec).toEqual({
    refreshInterval: '15m',
    secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' },
    target: { name: 'hf-token', creationPolicy: 'Owner' },
    data: [{ secretKey: 'HF_TOKEN', remoteRef: { key: 'ml/huggingface', property: 'token' } }],
  });
});

test('secretRef points at the Secret the operator creates, under the key KServe reads', () => {
  const { secretRef } = render();
  expect(secretRef.name).toBe('hf-token');
  expect(secretRef.key).toBe('HF_TOKEN');
});

test('the ExternalSecret is schema-valid (with and without a property)', () => {
  expect(schemaErrors([...render().objects, ...render({ remoteProperty: 'token', storeKind: SecretStoreKind.CLUSTER_SECRET_STORE }).objects])).toEqual([]);
});

describe('errors', () => {
  test('a bad store name', () => {
    expect(() => render({ storeName: 'My Vault' })).toThrow('serving/hf-token: storeName "My Vault" is not a valid store name; give the metadata.name');
  });
  test('an unknown store kind', () => {
    expect(() => render({ storeKind: 'Vault' as SecretStoreKind })).toThrow('storeKind "Vault" is not a store kind; use SecretStoreKind.SECRET_STORE');
  });
  test('an empty remote key', () => {
    expect(() => render({ remoteKey: ' ' })).toThrow('remoteKey " " is not a key in the external store');
  });
  test('an empty remote property', () => {
    expect(() => render({ remoteProperty: '' })).toThrow('remoteProperty "" is empty');
  });
  test('a refresh interval that is not a duration', () => {
    expect(() => render({ refreshInterval: 'hourly' })).toThrow('refreshInterval "hourly" is not a duration; write it like "1h"');
  });
  test('no namespace', () => {
    expect(() => renderHubTokenExternalSecret({ storeName: 'vault', remoteKey: 'k' }, { ...ctx, namespace: undefined })).toThrow('namespace (unset) is not set');
  });
});
