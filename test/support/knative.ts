import { KnativeFeature } from '../../src/core/knative';
import { ServingMode } from '../../src/core/serving-mode';

/**
 * The Knative flags a serverless render needs when the library's own delivery puts an init container
 * (download step, cache readiness check) and a claim into the pod; nothing in the other modes.
 */
export function ownDeliveryFeatures(mode: ServingMode): { knativeFeatures?: KnativeFeature[] } {
  return mode === ServingMode.KSERVE_SERVERLESS
    ? { knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS, KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM] }
    : {};
}
