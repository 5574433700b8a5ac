import { KubeObject } from './kube';

/** Kinds without a namespace among those the library makes or checks. */
const CLUSTER_SCOPED = new Set([
  'NodePool', 'EC2NodeClass', 'ClusterServingRuntime', 'ClusterStorageContainer', 'ClusterSecretStore', 'Namespace', 'ClusterRole',
  'ClusterRoleBinding', 'LocalModelCache', 'LocalModelNode', 'LocalModelNodeGroup',
]);

/**
 * What makes an object one object in a cluster: API group, kind, namespace (none for cluster-scoped
 * kinds) and name, as `Kind group namespace/name`. Two objects with one identity in one chart or
 * stack replace each other when applied.
 */
export function objectIdentity(
  o: Pick<KubeObject, 'apiVersion' | 'kind'> & { metadata: { name?: string; namespace?: string } }, defaultNamespace?: string,
): string {
  const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : 'core';
  const ns = CLUSTER_SCOPED.has(o.kind) ? '' : (o.metadata.namespace ?? defaultNamespace ?? '');
  return `${o.kind}.${group} ${ns ? `${ns}/` : ''}${o.metadata.name ?? ''}`;
}
