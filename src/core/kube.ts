import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { INetworkPolicyEgressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyEgressRule';
import type { INetworkPolicyIngressRule } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyIngressRule';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IAffinity } from 'kubernetes-models/v1/Affinity';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IToleration } from 'kubernetes-models/v1/Toleration';
import type { ITopologySpreadConstraint } from 'kubernetes-models/v1/TopologySpreadConstraint';

/**
 * Plain Kubernetes object shapes the core renders, as plain JSON so both front ends and the schema
 * validators can consume it. The built-in kinds (Deployment, Service, Job, NetworkPolicy, ...) and
 * the nested Kubernetes types (security contexts, tolerations, affinity, spread constraints,
 * `envFrom`) are the `kubernetes-models` interfaces, generated from the Kubernetes OpenAPI schema the
 * tests also validate against; they are imported as types only, so nothing of that package is loaded
 * at run time. Custom resources are typed in `crds/`, one file per CRD family.
 */

/** Container `securityContext` (Kubernetes `SecurityContext`). */
export type SecurityContext = ISecurityContext;
/** Pod `securityContext` (Kubernetes `PodSecurityContext`). */
export type PodSecurityContext = IPodSecurityContext;
/** A pod toleration (Kubernetes `Toleration`). */
export type PodToleration = IToleration;
/** Pod `affinity` (Kubernetes `Affinity`). */
export type Affinity = IAffinity;
/** A pod topology spread constraint (Kubernetes `TopologySpreadConstraint`). */
export type TopologySpreadConstraint = ITopologySpreadConstraint;
/** A container `envFrom` source (Kubernetes `EnvFromSource`). */
export type EnvFromSource = IEnvFromSource;

/**
 * A Kubernetes object of a kept type (`kubernetes-models`), with the metadata the library always
 * sets (a name); `status` is the cluster's, never rendered. A type alias, so it is a {@link KubeObject}.
 */
export type Typed<T extends { readonly apiVersion: string; readonly kind: string }> = Omit<T, 'metadata' | 'status'> & {
  readonly metadata: ObjectMeta;
};

/** A `Deployment` (`apps/v1`). */
export type Deployment = Typed<IDeployment>;
/** A `Service` (`v1`). */
export type Service = Typed<IService>;
/** A `ServiceAccount` (`v1`). */
export type ServiceAccount = Typed<IServiceAccount>;
/** A `ConfigMap` (`v1`). */
export type ConfigMap = Typed<IConfigMap>;
/** A `PersistentVolumeClaim` (`v1`). */
export type PersistentVolumeClaim = Typed<IPersistentVolumeClaim>;
/** A `Job` (`batch/v1`). */
export type Job = Typed<IJob>;
/** A `NetworkPolicy` (`networking.k8s.io/v1`). */
export type NetworkPolicy = Typed<INetworkPolicy>;
/** An ingress rule of a `NetworkPolicy`. */
export type NetworkPolicyIngressRule = INetworkPolicyIngressRule;
/** An egress rule of a `NetworkPolicy`. */
export type NetworkPolicyEgressRule = INetworkPolicyEgressRule;
/** A peer of a `NetworkPolicy` rule. */
export type NetworkPolicyPeer = INetworkPolicyPeer;
/** A `PodDisruptionBudget` (`policy/v1`). */
export type PodDisruptionBudget = Typed<IPodDisruptionBudget>;
/** A `HorizontalPodAutoscaler` (`autoscaling/v2`). */
export type HorizontalPodAutoscaler = Typed<IHorizontalPodAutoscaler>;

/** Any Kubernetes object as plain JSON. */
export interface KubeObject {
  /** The object's `apiVersion`. */
  readonly apiVersion: string;
  /** The object's `kind`. */
  readonly kind: string;
  /** The object's `metadata`. */
  readonly metadata: ObjectMeta;
  readonly [key: string]: unknown;
}

/** `metadata` of a namespaced object. */
export interface ObjectMeta {
  /** The Kubernetes `ObjectMeta` field `name`. */
  readonly name: string;
  /** The Kubernetes `ObjectMeta` field `namespace`. */
  readonly namespace?: string;
  /** The Kubernetes `ObjectMeta` field `labels`. */
  readonly labels?: Record<string, string>;
  /** The Kubernetes `ObjectMeta` field `annotations`. */
  readonly annotations?: Record<string, string>;
}

/** A container environment variable. */
export interface EnvVar {
  /** The Kubernetes `EnvVar` field `name`. */
  readonly name: string;
  /** The Kubernetes `EnvVar` field `value`. */
  readonly value?: string;
  /** The Kubernetes `EnvVar` field `valueFrom`. */
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}

/** A container volume mount. */
export interface VolumeMount {
  /** The Kubernetes `VolumeMount` field `name`. */
  readonly name: string;
  /** The Kubernetes `VolumeMount` field `mountPath`. */
  readonly mountPath: string;
  /** The Kubernetes `VolumeMount` field `readOnly`. */
  readonly readOnly?: boolean;
  /** The Kubernetes `VolumeMount` field `subPath`. */
  readonly subPath?: string;
}

/** An HTTP probe. */
export interface Probe {
  /** The Kubernetes `Probe` field `httpGet`. */
  readonly httpGet?: { readonly path: string; readonly port: number | string; readonly scheme?: 'HTTP' | 'HTTPS' };
  /** The Kubernetes `Probe` field `tcpSocket`. */
  readonly tcpSocket?: { readonly port: number | string };
  /** The Kubernetes `Probe` field `exec`. */
  readonly exec?: { readonly command: string[] };
  /** The Kubernetes `Probe` field `initialDelaySeconds`. */
  readonly initialDelaySeconds?: number;
  /** The Kubernetes `Probe` field `periodSeconds`. */
  readonly periodSeconds: number;
  /** The Kubernetes `Probe` field `timeoutSeconds`. */
  readonly timeoutSeconds: number;
  /** The Kubernetes `Probe` field `failureThreshold`. */
  readonly failureThreshold: number;
  /** The Kubernetes `Probe` field `successThreshold`. */
  readonly successThreshold?: number;
}

/** A container. */
export interface Container {
  /** The Kubernetes `Container` field `name`. */
  readonly name: string;
  /** The Kubernetes `Container` field `image`. */
  readonly image: string;
  /** The Kubernetes `Container` field `imagePullPolicy`. */
  readonly imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** The Kubernetes `Container` field `command`. */
  readonly command?: string[];
  /** The Kubernetes `Container` field `args`. */
  readonly args?: string[];
  /** The Kubernetes `Container` field `env`. */
  readonly env?: EnvVar[];
  /** The Kubernetes `Container` field `envFrom`. */
  readonly envFrom?: EnvFromSource[];
  /** The Kubernetes `Container` field `ports`. */
  readonly ports?: { readonly name: string; readonly containerPort: number; readonly protocol: 'TCP' | 'UDP' | 'SCTP' }[];
  /** The Kubernetes `Container` field `resources`. */
  readonly resources: { readonly requests: Record<string, string | number>; readonly limits: Record<string, string | number> };
  /** The Kubernetes `Container` field `securityContext`. */
  readonly securityContext: SecurityContext;
  /** The Kubernetes `Container` field `volumeMounts`. */
  readonly volumeMounts?: VolumeMount[];
  /** The Kubernetes `Container` field `startupProbe`. */
  readonly startupProbe?: Probe;
  /** The Kubernetes `Container` field `readinessProbe`. */
  readonly readinessProbe?: Probe;
  /** The Kubernetes `Container` field `livenessProbe`. */
  readonly livenessProbe?: Probe;
  /** The Kubernetes `Container` field `workingDir`. */
  readonly workingDir?: string;
}

/** A pod volume. */
export interface Volume {
  /** The Kubernetes `Volume` field `name`. */
  readonly name: string;
  /** The Kubernetes `Volume` field `emptyDir`. */
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
  /** The Kubernetes `Volume` field `persistentVolumeClaim`. */
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  /** The Kubernetes `Volume` field `configMap`. */
  readonly configMap?: { readonly name: string; readonly defaultMode?: number; readonly items?: { key: string; path: string }[] };
  /** The Kubernetes `Volume` field `image` (an OCI image mounted read-only). */
  readonly image?: { readonly reference: string; readonly pullPolicy?: 'Always' | 'IfNotPresent' | 'Never' };
  /** The Kubernetes `Volume` field `secret`. */
  readonly secret?: { readonly secretName: string; readonly defaultMode?: number; readonly items?: { key: string; path: string }[] };
}

/** The pod-level fields the library sets (shared by Deployments, Jobs and InferenceService predictors). */
export interface PodFields {
  /** The pod spec field `serviceAccountName`. */
  readonly serviceAccountName: string;
  /** The pod spec field `automountServiceAccountToken`. */
  readonly automountServiceAccountToken: false | boolean;
  /** The pod spec field `enableServiceLinks`. */
  readonly enableServiceLinks: boolean;
  /** The pod spec field `securityContext`; absent in KSERVE_SERVERLESS mode unless the cluster enables Knative's pod security context. */
  readonly securityContext?: PodSecurityContext;
  /** The pod spec field `initContainers`. */
  readonly initContainers?: Container[];
  /** The pod spec field `volumes`. */
  readonly volumes: Volume[];
  /** The pod spec field `nodeSelector`. */
  readonly nodeSelector?: Record<string, string>;
  /** The pod spec field `tolerations`. */
  readonly tolerations?: PodToleration[];
  /** The pod spec field `affinity`. */
  readonly affinity?: Affinity;
  /** The pod spec field `topologySpreadConstraints`. */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];
  /** The pod spec field `terminationGracePeriodSeconds`. */
  readonly terminationGracePeriodSeconds?: number;
  /** The pod spec field `imagePullSecrets`. */
  readonly imagePullSecrets?: { name: string }[];
  /** The pod spec field `priorityClassName`. */
  readonly priorityClassName?: string;
  /** The pod spec field `runtimeClassName`. */
  readonly runtimeClassName?: string;
}
