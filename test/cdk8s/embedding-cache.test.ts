import { Testing } from 'cdk8s';
import { ServingMode } from '../../src';
import { embeddingCacheChart } from '../../examples/cdk8s/embedding-cache';
import { envMap, only, podSpec, servingContainers } from '../support/objects';

describe.each(Object.values(ServingMode))('Infinity served from a ModelCache in mode %s', mode => {
  const objects = Testing.synth(embeddingCacheChart(Testing.app(), 'c', mode)) as any[];
  const w = only(objects, mode === ServingMode.DEPLOYMENT ? 'Deployment' : 'InferenceService', 'bge');
  const server = servingContainers(w)[0];

  test('the server holds no token and runs offline from the read-only claim', () => {
    expect(JSON.stringify(servingContainers(w))).not.toMatch(/HF_TOKEN|hf-secret/);
    expect(envMap(server)).toMatchObject({ HF_HUB_OFFLINE: '1', TRANSFORMERS_OFFLINE: '1', INFINITY_ANONYMOUS_USAGE_STATS: '0', DO_NOT_TRACK: '1' });
    if (mode === ServingMode.KSERVE_SERVERLESS) {
      // KServe mounts the claim from storageUri (custom container: its STORAGE_URI env) at pod admission
      expect(envMap(server).STORAGE_URI).toBe('pvc://bge-cache/BAAI/bge-small-en-v1.5/5c38ec7c405ec4b44b94cc5a9bb96e735b38267a');
    } else {
      expect(server.volumeMounts).toContainEqual(expect.objectContaining({ name: 'model', mountPath: '/mnt/models', readOnly: true }));
      expect(podSpec(w).volumes).toContainEqual({ name: 'model', persistentVolumeClaim: { claimName: 'bge-cache', readOnly: true } });
    }
    expect(server.command).toEqual(['infinity_emb', 'v2']);
    expect(server.args).toEqual(expect.arrayContaining(['--model-id=/mnt/models', '--no-trust-remote-code', '--url-prefix=/v1']));
  });

  test('only the download Job holds the token', () => {
    const pod = only(objects, 'Job', 'bge-cache-download').spec.template.spec;
    const steps = [...pod.initContainers, ...pod.containers];
    expect(steps.map((c: any) => c.name)).toEqual(['model-download', 'model-preload', 'model-complete']);
    expect(envMap(steps[0]).HF_TOKEN).toEqual({ secretKeyRef: { name: 'hf-secret', key: 'token' } });
    expect(JSON.stringify(steps.slice(1))).not.toContain('hf-secret');
  });

  test('the server has no egress but DNS', () => {
    const allow = only(objects, 'NetworkPolicy', 'bge-allow');
    expect(allow.spec.egress).toHaveLength(1);
    expect(allow.spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }]);
  });
});
