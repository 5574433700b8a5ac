/**
 * Plain Kubernetes object shapes the core renders. Only the fields the library writes are typed;
 * everything is plain JSON so both front ends and the schema validators can consume it.
 */

/** Any Kubernetes object as plain JSON. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [key: string]: unknown;
}

/** `metadata` of a namespaced object. */
export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** A container environment variable. */
export interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly secretKeyRef?: { readonly name: string; readonly key: string };
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
  };
}

/** A container volume mount. */
export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
  readonly readOnly?: boolean;
  readonly subPath?: string;
}

/** An HTTP probe. */
export interface Probe {
  readonly httpGet?: { readonly path: string; readonly port: number | string };
  readonly tcpSocket?: { readonly port: number | string };
  readonly exec?: { readonly command: string[] };
  readonly initialDelaySeconds?: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
  readonly successThreshold?: number;
}

/** A container. */
export interface Container {
  readonly name: string;
  readonly image: string;
  readonly imagePullPolicy?: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly env?: EnvVar[];
  readonly envFrom?: Record<string, unknown>[];
  readonly ports?: { readonly name: string; readonly containerPort: number; readonly protocol: string }[];
  readonly resources: { readonly requests: Record<string, string | number>; readonly limits: Record<string, string | number> };
  readonly securityContext: Record<string, unknown>;
  readonly volumeMounts?: VolumeMount[];
  readonly startupProbe?: Probe;
  readonly readinessProbe?: Probe;
  readonly livenessProbe?: Probe;
  readonly workingDir?: string;
}

/** A pod volume. */
export interface Volume {
  readonly name: string;
  readonly emptyDir?: { readonly medium?: string; readonly sizeLimit?: string };
  readonly persistentVolumeClaim?: { readonly claimName: string; readonly readOnly?: boolean };
  readonly configMap?: { readonly name: string; readonly defaultMode?: number; readonly items?: { key: string; path: string }[] };
  readonly secret?: { readonly secretName: string; readonly defaultMode?: number; readonly items?: { key: string; path: string }[] };
}

/** The pod-level fields the library sets (shared by Deployments, Jobs and InferenceService predictors). */
export interface PodFields {
  readonly serviceAccountName: string;
  readonly automountServiceAccountToken: false | boolean;
  readonly enableServiceLinks: boolean;
  /** Absent in KSERVE_SERVERLESS mode unless the cluster enables Knative's pod security context. */
  readonly securityContext?: Record<string, unknown>;
  readonly initContainers?: Container[];
  readonly volumes: Volume[];
  readonly nodeSelector?: Record<string, string>;
  readonly tolerations?: Record<string, unknown>[];
  readonly affinity?: Record<string, unknown>;
  readonly topologySpreadConstraints?: Record<string, unknown>[];
  readonly terminationGracePeriodSeconds?: number;
  readonly imagePullSecrets?: { name: string }[];
  readonly priorityClassName?: string;
  readonly runtimeClassName?: string;
}
