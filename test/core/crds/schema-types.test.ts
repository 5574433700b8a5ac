import { readFileSync } from 'fs';
import { join } from 'path';
import type { ICertificate } from '@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate';
import type { IExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import type { IHTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IPeerAuthentication } from '@kubernetes-models/istio/security.istio.io/v1/PeerAuthentication';
import type { INodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import type { IScaledObject } from '@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject';
import type { IPodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PodMonitor';
import type { IPrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import type { IServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import type { Certificate } from '../../../src/core/crds/cert-manager';
import type { ExternalSecret } from '../../../src/core/crds/external-secrets';
import type { HTTPRoute } from '../../../src/core/crds/gateway-api';
import type { PeerAuthentication } from '../../../src/core/crds/istio';
import type { NodePool } from '../../../src/core/crds/karpenter';
import type { ScaledObject } from '../../../src/core/crds/keda';
import type { InferenceService } from '../../../src/core/crds/kserve';
import type { PodMonitor, PrometheusRule, ServiceMonitor } from '../../../src/core/crds/prometheus-operator';
import type {
  ConfigMap, Deployment, HorizontalPodAutoscaler, Job, KubeObject, NetworkPolicy, PersistentVolumeClaim, PodDisruptionBudget, Service,
  ServiceAccount,
} from '../../../src/core/kube';

type Id<T extends KubeObject> = `${T['apiVersion']}/${T['kind']}`;

/**
 * `O` with every field the schema type `S` lacks (at any depth) turned into `never`, so `O extends
 * Known<O, S>` fails for a field the schema does not have (assignability alone allows extra fields).
 */
type Known<O, S> = O extends readonly (infer E)[]
  ? (NonNullable<S> extends readonly (infer F)[] ? Known<E, F>[] : never)
  : O extends object ? { [K in keyof O]: K extends keyof NonNullable<S> ? Known<O[K], NonNullable<S>[K]> : never } : O;

/**
 * `accepts<Schema>()<Ours>(id)` compiles only when every object of the library's type `Ours` is an
 * object of `Schema`, the type `@kubernetes-models` generated from the project's CRD schema (the
 * schemas the output is also validated against), and `Ours` names no field `Schema` lacks: a field
 * the schema does not have, or a value type it does not allow, fails `npm run typecheck`. It returns
 * the type's `apiVersion/kind`.
 */
const accepts = <Schema>() => <Ours extends Schema & KubeObject>(
  id: Id<Ours>, ..._onlyKnownFields: Ours extends Known<Ours, Schema> ? [] : [never]
): string => id;
/** `apiVersion/kind` of a typed object (built-in kinds come from kubernetes-models; InferenceService is checked in kserve-schema.test.ts). */
const typed = <T extends KubeObject>(id: Id<T>): string => id;

const CUSTOM_RESOURCES = [
  accepts<INodePool>()<NodePool>('karpenter.sh/v1/NodePool'),
  accepts<IScaledObject>()<ScaledObject>('keda.sh/v1alpha1/ScaledObject'),
  accepts<IPodMonitor>()<PodMonitor>('monitoring.coreos.com/v1/PodMonitor'),
  accepts<IServiceMonitor>()<ServiceMonitor>('monitoring.coreos.com/v1/ServiceMonitor'),
  accepts<IPrometheusRule>()<PrometheusRule>('monitoring.coreos.com/v1/PrometheusRule'),
  accepts<IExternalSecret>()<ExternalSecret>('external-secrets.io/v1/ExternalSecret'),
  accepts<IHTTPRoute>()<HTTPRoute>('gateway.networking.k8s.io/v1/HTTPRoute'),
  accepts<ICertificate>()<Certificate>('cert-manager.io/v1/Certificate'),
  accepts<IPeerAuthentication>()<PeerAuthentication>('security.istio.io/v1/PeerAuthentication'),
  typed<InferenceService>('serving.kserve.io/v1beta1/InferenceService'),
];
const BUILT_IN = [
  typed<Deployment>('apps/v1/Deployment'), typed<Service>('v1/Service'), typed<ServiceAccount>('v1/ServiceAccount'),
  typed<ConfigMap>('v1/ConfigMap'), typed<PersistentVolumeClaim>('v1/PersistentVolumeClaim'), typed<Job>('batch/v1/Job'),
  typed<NetworkPolicy>('networking.k8s.io/v1/NetworkPolicy'), typed<PodDisruptionBudget>('policy/v1/PodDisruptionBudget'),
  typed<HorizontalPodAutoscaler>('autoscaling/v2/HorizontalPodAutoscaler'),
];

/** `apiVersion/kind` of every object in the examples' snapshots (what the library emits). */
function emittedKinds(): string[] {
  const snap = readFileSync(join(__dirname, '..', '..', '__snapshots__', 'examples.test.ts.snap'), 'utf8');
  const ids = [...snap.matchAll(/"apiVersion": "([^"]+)",\s*\n\s*"kind": "([^"]+)"/g)].map(m => `${m[1]}/${m[2]}`);
  return [...new Set(ids)].sort();
}

test('every kind the examples emit has a type in the library (kubernetes-models or crds/)', () => {
  const emitted = emittedKinds();
  expect(emitted).toEqual(expect.arrayContaining(['serving.kserve.io/v1beta1/InferenceService', 'keda.sh/v1alpha1/ScaledObject', 'apps/v1/Deployment']));
  expect(emitted.filter(k => ![...CUSTOM_RESOURCES, ...BUILT_IN].includes(k))).toEqual([]);
});
