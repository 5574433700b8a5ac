import { ValidationError } from './errors';

/**
 * Knative Serving `config-features` keys of the PodSpec fields its webhook drops unless the
 * feature is on (knative/serving `knative-v1.21.1`, `pkg/apis/config/features.go` for the keys and
 * defaults, `pkg/apis/serving/fieldmask.go` for the fields each one guards). Every one listed here is
 * `Disabled` by default except `PODSPEC_VOLUMES_EMPTYDIR`.
 */
export enum KnativeFeature {
  PODSPEC_AFFINITY = 'kubernetes.podspec-affinity',
  PODSPEC_NODESELECTOR = 'kubernetes.podspec-nodeselector',
  PODSPEC_TOLERATIONS = 'kubernetes.podspec-tolerations',
  PODSPEC_RUNTIMECLASSNAME = 'kubernetes.podspec-runtimeclassname',
  PODSPEC_PRIORITYCLASSNAME = 'kubernetes.podspec-priorityclassname',
  PODSPEC_SCHEDULERNAME = 'kubernetes.podspec-schedulername',
  PODSPEC_TOPOLOGYSPREADCONSTRAINTS = 'kubernetes.podspec-topologyspreadconstraints',
  PODSPEC_SECURITYCONTEXT = 'kubernetes.podspec-securitycontext',
  PODSPEC_INIT_CONTAINERS = 'kubernetes.podspec-init-containers',
  PODSPEC_PERSISTENT_VOLUME_CLAIM = 'kubernetes.podspec-persistent-volume-claim',
  PODSPEC_VOLUMES_EMPTYDIR = 'kubernetes.podspec-volumes-emptydir',
  PODSPEC_VOLUMES_IMAGE = 'kubernetes.podspec-volumes-image',
  PODSPEC_VOLUMES_CSI = 'kubernetes.podspec-volumes-csi',
  PODSPEC_HOSTALIASES = 'kubernetes.podspec-hostaliases',
}

/**
 * Refuse a field a serverless (Knative) output would carry while the Knative webhook drops it,
 * unless the user declared (in `knativeFeatures`) that their cluster turned the feature on.
 */
export function requireKnativeFeature(
  path: string, field: string, value: unknown, feature: KnativeFeature, declared: readonly KnativeFeature[] | undefined,
): void {
  if ((declared ?? []).includes(feature)) return;
  throw new ValidationError(path, field, value,
    `is dropped by Knative in KSERVE_SERVERLESS mode unless the config-features key "${feature}" is enabled`,
    `enable "${feature}" in the knative-serving/config-features ConfigMap and declare it with knativeFeatures: [KnativeFeature.${enumKey(feature)}], or use ServingMode.KSERVE or ServingMode.DEPLOYMENT`);
}

function enumKey(feature: KnativeFeature): string {
  return (Object.keys(KnativeFeature) as (keyof typeof KnativeFeature)[]).find(k => KnativeFeature[k] === feature) ?? feature;
}
