import * as pulumi from '@pulumi/pulumi';
import { CustomResource } from '@pulumi/kubernetes/apiextensions/customResource';
import { Deployment } from '@pulumi/kubernetes/apps/v1/deployment';
import { HorizontalPodAutoscaler } from '@pulumi/kubernetes/autoscaling/v2/horizontalPodAutoscaler';
import { Job } from '@pulumi/kubernetes/batch/v1/job';
import { ConfigMap } from '@pulumi/kubernetes/core/v1/configMap';
import { PersistentVolumeClaim } from '@pulumi/kubernetes/core/v1/persistentVolumeClaim';
import { Secret } from '@pulumi/kubernetes/core/v1/secret';
import { Service } from '@pulumi/kubernetes/core/v1/service';
import { ServiceAccount } from '@pulumi/kubernetes/core/v1/serviceAccount';
import { NetworkPolicy } from '@pulumi/kubernetes/networking/v1/networkPolicy';
import { PodDisruptionBudget } from '@pulumi/kubernetes/policy/v1/podDisruptionBudget';
import { KubeObject } from '../core/kube';

type ResourceClass = new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed @pulumi/kubernetes classes by `apiVersion/kind`; other kinds become CustomResources. */
const TYPED: Readonly<Record<string, ResourceClass>> = {
  'v1/ServiceAccount': ServiceAccount,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'apps/v1/Deployment': Deployment,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
};

/** Logical Pulumi name of an object: unique per kind and name within a stack. */
export function logicalName(obj: KubeObject): string {
  return `${obj.metadata.name}-${obj.kind.toLowerCase()}`;
}

/** Register each object as a child of `parent`, in order (each depends on the ones before it). */
export function registerObjects(parent: pulumi.ComponentResource, objects: readonly KubeObject[], dependsOn: pulumi.Resource[] = []): pulumi.CustomResource[] {
  return objects.map(obj => {
    const cls = TYPED[`${obj.apiVersion}/${obj.kind}`];
    const opts: pulumi.CustomResourceOptions = { parent, dependsOn };
    return cls ? new cls(logicalName(obj), { ...obj }, opts) : new CustomResource(logicalName(obj), { ...obj }, opts);
  });
}
