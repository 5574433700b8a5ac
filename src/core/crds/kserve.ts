import type { Container, ObjectMeta, PodFields } from '../kube';

/**
 * KServe's `InferenceService` (`serving.kserve.io/v1beta1`) as the library emits it: the fields it
 * sets, with the names and value types of the pinned CRD schema (KServe v0.20.0,
 * `config/crd/full/serving.kserve.io_inferenceservices.yaml`, kept in `schemas/kserve.schema.json`).
 * KServe publishes no TypeScript types, so these are written here; a test checks every property
 * declared in this file against that schema. Types only: nothing here exists at run time.
 */
export type InferenceService = {
  /** KServe's served API version. */
  readonly apiVersion: 'serving.kserve.io/v1beta1';
  /** The kind. */
  readonly kind: 'InferenceService';
  /** Name, namespace, labels and annotations (`serving.kserve.io/deploymentMode`, the autoscaler class). */
  readonly metadata: ObjectMeta;
  /** The spec: a predictor only (no transformer, no explainer). */
  readonly spec: InferenceServiceSpec;
};

/** `spec` of an {@link InferenceService}. */
export interface InferenceServiceSpec {
  /** The predictor. */
  readonly predictor: PredictorSpec;
}

/**
 * KServe `PredictorSpec`: replica bounds, autoscaling, rollout, the pod fields, and a model or
 * containers. A type alias, so the Knative check can read it as plain JSON.
 */
export type PredictorSpec = Partial<PodFields> & PredictorExtensionFields;

/** The fields KServe's `PredictorSpec` adds to a PodSpec. */
export type PredictorExtensionFields = {
  /** Fewest replicas (0 only with Knative). */
  readonly minReplicas?: number;
  /** Most replicas. */
  readonly maxReplicas?: number;
  /** Metric of KServe's built-in autoscaling (HPA in Standard mode, Knative in serverless mode). */
  readonly scaleMetric?: 'cpu' | 'memory' | 'concurrency' | 'rps';
  /** Target of `scaleMetric` per replica. */
  readonly scaleTarget?: number;
  /** KEDA autoscaling on external metrics (autoscaler class `keda`). */
  readonly autoScaling?: AutoScalingSpec;
  /** Rollout strategy of the Deployment KServe Standard mode creates. */
  readonly deploymentStrategy?: DeploymentStrategy;
  /** Labels of the predictor's pods. */
  readonly labels?: Record<string, string>;
  /** Annotations of the predictor (e.g. Knative's progress deadline). */
  readonly annotations?: Record<string, string>;
  /** The model served by a ServingRuntime. */
  readonly model?: ModelSpec;
  /** A custom predictor's containers. */
  readonly containers?: Container[];
};

/** KServe `ModelSpec`: the runtime's container fields plus the model's format, runtime and location. */
export interface ModelSpec extends Omit<Container, 'image'> {
  /** The model format the runtime serves. */
  readonly modelFormat: { readonly name: string };
  /** The ServingRuntime's name. */
  readonly runtime?: string;
  /** The runtime image tag (when the runtime's image is kept). */
  readonly runtimeVersion?: string;
  /** The container image (when the user overrides the runtime's). */
  readonly image?: string;
  /** Where KServe's storage initializer downloads the model from. */
  readonly storageUri?: string;
}

/** KServe `AutoScalingSpec`: metrics KEDA scales on. */
export interface AutoScalingSpec {
  /** The metrics. */
  readonly metrics: MetricsSpec[];
}

/** KServe `MetricsSpec` of an external (Prometheus) metric. */
export interface MetricsSpec {
  /** The metric source type. */
  readonly type: 'External';
  /** The external metric and its target. */
  readonly external: {
    readonly metric: { readonly backend: 'prometheus' | 'graphite'; readonly serverAddress: string; readonly query: string };
    readonly target: { readonly type: 'Utilization' | 'Value' | 'AverageValue'; readonly value: string };
  };
}

/** `deploymentStrategy` of a KServe Standard predictor (a Kubernetes `DeploymentStrategy`). */
export interface DeploymentStrategy {
  /** `Recreate` or `RollingUpdate`. */
  readonly type: 'Recreate' | 'RollingUpdate';
  /** Surge and unavailability of a rolling update. */
  readonly rollingUpdate?: { readonly maxSurge: number | string; readonly maxUnavailable: number | string };
}
