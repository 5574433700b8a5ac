import * as fs from 'fs';
import * as path from 'path';
import {
  HuggingFaceModel, KnativeFeature, KubeObject, renderGpuNodePool, renderHubTokenExternalSecret, renderVllmPredictor, SecretRef, ServingMode,
} from '../../src/core';
import { clusterRequirements, clusterRequirementsTable, KNATIVE_FEATURE_NEEDED_FOR } from '../../src/core/cluster-requirements';
import { sharedCache } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const ctx = { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' };
const llm = (p: Record<string, unknown>) => renderVllmPredictor({ model, gpus: 1, ...p }, ctx).objects;
/** API groups every Kubernetes cluster serves: not a requirement of their own. */
const CORE = /^(v1|apps\/v1|batch\/v1|policy\/v1|networking\.k8s\.io\/v1) /;

/** A render of each row with `emits`: the row's objects must be exactly its non-core objects. */
const RENDERS: Record<string, () => KubeObject[]> = {
  '`mode: ServingMode.KSERVE` (default)': () => llm({ mode: ServingMode.KSERVE }),
  '`mode: ServingMode.KSERVE_SERVERLESS`': () => llm({ mode: ServingMode.KSERVE_SERVERLESS }),
  '`GpuNodePool`': () => renderGpuNodePool({ gpuType: 'nvidia-l4', maxGpus: 4 }, { path: 'pool', name: 'pool' }).objects,
  '`autoscaling` on `cpu`/`memory` (DEPLOYMENT; KServe creates its own in KSERVE)': () =>
    llm({ mode: ServingMode.DEPLOYMENT, cache: sharedCache(model), autoscaling: { minReplicas: 1, maxReplicas: 2, metric: 'cpu', target: 80 } }),
  '`autoscaling` on an engine metric (DEPLOYMENT; KServe creates its own in KSERVE)': () =>
    llm({ mode: ServingMode.DEPLOYMENT, cache: sharedCache(model), monitoring: { namespace: 'monitoring', monitor: 'none' },
      autoscaling: { minReplicas: 1, maxReplicas: 2 } })
      .filter(o => !o.apiVersion.startsWith('monitoring.coreos.com/')),
  '`monitoring`': () => llm({ mode: ServingMode.DEPLOYMENT, monitoring: { namespace: 'monitoring', monitor: 'PodMonitor' } })
    .concat(llm({ mode: ServingMode.DEPLOYMENT, monitoring: { namespace: 'monitoring', monitor: 'ServiceMonitor' } })),
  '`HubTokenExternalSecret`': () => renderHubTokenExternalSecret({ storeName: 'vault', remoteKey: 'hf' }, { ...ctx, name: 'hf-token' }).objects,
  '`tls: { certificate: { issuerRef } }`': () => llm({ mode: ServingMode.DEPLOYMENT, tls: { certificate: { issuerRef: { name: 'ca' } } } }),
  '`mesh: \'istio\'`': () => llm({ mode: ServingMode.DEPLOYMENT, mesh: 'istio' }),
  '`expose`': () => llm({ mode: ServingMode.DEPLOYMENT, expose: { gateway: { name: 'gw', namespace: 'gateways' }, hostnames: ['llm.example.com'] } }),
};

test('each row that says what the library emits is what rendering that feature emits (besides core Kubernetes)', () => {
  const rows = clusterRequirements().filter(r => r.emits.length > 0);
  expect(rows.map(r => r.feature).sort()).toEqual(Object.keys(RENDERS).sort());
  for (const row of rows) {
    const emitted = [...new Set(RENDERS[row.feature]().map(o => `${o.apiVersion} ${o.kind}`).filter(k => !CORE.test(k)))].sort();
    expect({ feature: row.feature, emits: emitted }).toEqual({ feature: row.feature, emits: [...row.emits].sort() });
  }
});

test('every Knative flag in the table is one a serverless output can need, and each is refused without it', () => {
  const keys = Object.keys(KNATIVE_FEATURE_NEEDED_FOR);
  for (const k of keys) expect(Object.values(KnativeFeature)).toContain(k);
  const serverless = (p: Record<string, unknown>) => () => llm({ mode: ServingMode.KSERVE_SERVERLESS, ...p });
  expect(serverless({ nodeSelector: { a: 'b' } })).toThrow(KnativeFeature.PODSPEC_NODE_SELECTOR);
  expect(serverless({ priorityClassName: 'high' })).toThrow(KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME);
  expect(serverless({ runtimeClassName: 'gvisor' })).toThrow(KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME);
  expect(serverless({ tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] })).toThrow(KnativeFeature.PODSPEC_TOLERATIONS);
  const pvc = HuggingFaceModel.fromStorage('pvc://store/qwen', { sha256: { 'model.safetensors': 'a'.repeat(64) } });
  expect(serverless({ model: pvc })).toThrow(KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM);
  expect(serverless({ model: pvc, knativeFeatures: [KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM] }))
    .toThrow(KnativeFeature.PODSPEC_INIT_CONTAINERS);
  expect(serverless({ allowServingPodEgressForDownload: true, hfToken: SecretRef.of('hf', 'token') })).toThrow(KnativeFeature.PODSPEC_INIT_CONTAINERS);
  // a cache (given, or made for the model) reaches a serverless pod through KServe's storageUri: no flag needed
  expect(serverless({ cache: { model, claimName: 'c', subPath: 's', markerFile: '.complete' } })).not.toThrow();
  expect(serverless({})).not.toThrow();
});

test('README "What the cluster needs" is the generated table', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const m = /<!-- cluster-needs:start -->\n([\s\S]*?)\n<!-- cluster-needs:end -->/.exec(readme);
  expect(m).not.toBeNull();
  // on failure: paste clusterRequirementsTable() (src/core/cluster-requirements.ts) between the markers
  expect(m![1]).toBe(clusterRequirementsTable());
});
