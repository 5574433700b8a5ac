/**
 * Labels that keep a serverless (Knative) InferenceService off the external gateway: Knative
 * publishes the route on the cluster-local gateway only, and KServe's ingress reconciler treats the
 * service as internal (kserve/kserve v0.20.0 `pkg/constants/constants.go` `VisibilityLabel`,
 * `ClusterLocalVisibility`; `pkg/controller/v1beta1/inferenceservice/reconcilers/ingress/ingress_reconciler.go`).
 * KServe keeps this label off the revision template (`RevisionTemplateLabelDisallowedList`).
 * @default on every KSERVE_SERVERLESS InferenceService
 */
export const CLUSTER_LOCAL_LABELS: Readonly<Record<string, string>> = { 'networking.knative.dev/visibility': 'cluster-local' };
