/** How a serving construct runs its model. */
export enum ServingMode {
  /** A KServe InferenceService in Standard (raw Deployment) mode. */
  KSERVE = 'KSERVE',
  /** A KServe InferenceService in Knative (serverless) mode: revisions, scale to zero. */
  KSERVE_SERVERLESS = 'KSERVE_SERVERLESS',
  /** No KServe: ServiceAccount, Deployment and ClusterIP Service. */
  DEPLOYMENT = 'DEPLOYMENT',
}

/** The `serving.kserve.io/deploymentMode` annotation value of each KServe mode. */
export const KSERVE_DEPLOYMENT_MODE: Readonly<Record<string, string>> = {
  [ServingMode.KSERVE]: 'Standard',
  [ServingMode.KSERVE_SERVERLESS]: 'Knative',
};

/** True for the two InferenceService modes. */
export function isKServe(mode: ServingMode): boolean {
  return mode !== ServingMode.DEPLOYMENT;
}
