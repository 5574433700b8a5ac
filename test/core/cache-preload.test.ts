import { checkManifests, EmbeddingBackend, HuggingFaceModel, SecretRef } from '../../src';
import { renderModelCache } from '../../src/core/model-cache';
import { envMap, only } from '../support/objects';
import { schemaErrors } from '../support/schema';

const model = HuggingFaceModel.fromHub('BAAI/bge-small-en-v1.5', { revision: '5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' });
const ctx = { path: 'test/bge-cache', name: 'bge-cache', namespace: 'ml-serving' };

describe('ModelCache with preloadWith: EmbeddingBackend.INFINITY', () => {
  const r = renderModelCache({ model, size: '10Gi', hfToken: SecretRef.of('hf-secret', 'token'), preloadWith: EmbeddingBackend.INFINITY }, ctx);
  const pod = only(r.objects, 'Job', 'bge-cache-download').spec.template.spec;
  const [download, preload] = pod.initContainers;
  const [marker] = pod.containers;
  const script = (c: any) => c.command[2] as string;

  test('the download runs first and no longer writes the marker', () => {
    expect(download.name).toBe('model-download');
    expect(script(download).split('\n').some((l: string) => l.startsWith('date -u'))).toBe(false);
  });

  test('Infinity then loads the cached files offline and read-only with --preload-only', () => {
    expect(preload.name).toBe('model-preload');
    expect(preload.image).toBe('michaelf34/infinity:0.0.77-cpu');
    expect(preload.command).toEqual(['infinity_emb', 'v2']);
    expect(preload.args).toEqual(['--model-id=/mnt/models', '--served-model-name=bge-cache', '--engine=torch', '--device=cpu',
      '--host=0.0.0.0', '--port=7997', '--url-prefix=/v1', '--no-trust-remote-code', '--preload-only']);
    expect(envMap(preload)).toMatchObject({ HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', INFINITY_ANONYMOUS_USAGE_STATS: '0', DO_NOT_TRACK: '1', INFINITY_HOME: '/tmp/infinity-cache' });
    expect(preload.volumeMounts).toContainEqual({ name: 'cache', mountPath: '/mnt/models', subPath: 'BAAI/bge-small-en-v1.5/5c38ec7c405ec4b44b94cc5a9bb96e735b38267a', readOnly: true });
  });

  test('the marker is written last, by its own step, only after download and preload succeeded', () => {
    expect(marker.name).toBe('model-complete');
    expect(marker.command[2].split('\n')).toEqual(["cd '/mnt/models'", "date -u +%Y-%m-%dT%H:%M:%SZ > '.hf-serving-complete'"]);
    expect(marker.volumeMounts).toEqual([{ name: 'cache', mountPath: '/mnt/models', subPath: 'BAAI/bge-small-en-v1.5/5c38ec7c405ec4b44b94cc5a9bb96e735b38267a' }]);
  });

  test('only the download step holds the token', () => {
    expect(envMap(download).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
    expect(JSON.stringify([preload, marker])).not.toContain('hf-secret');
  });

  test('is schema-valid and passes the policy checks', () => {
    expect(schemaErrors(r.objects)).toEqual([]);
    expect(checkManifests(r.objects).filter(f => f.severity === 'error')).toEqual([]);
  });
});

test('without preloadWith the download step writes the marker itself', () => {
  const r = renderModelCache({ model, size: '10Gi' }, ctx);
  const pod = only(r.objects, 'Job', 'bge-cache-download').spec.template.spec;
  expect(pod.initContainers).toBeUndefined();
  expect(pod.containers[0].command[2].split('\n').pop()).toBe("date -u +%Y-%m-%dT%H:%M:%SZ > '.hf-serving-complete'");
});

test('fails when the backend has no load-and-exit mode', () => {
  expect(() => renderModelCache({ model, size: '10Gi', preloadWith: EmbeddingBackend.TEI }, ctx)).toThrow(
    'test/bge-cache: preloadWith "TEI" has no load-and-exit mode to verify the cache with; use EmbeddingBackend.INFINITY, or leave preloadWith unset');
});
