import { ValidationError } from '../errors';
import { NetworkPeer } from '../network';

/**
 * Knative's default `target-burst-capacity`: while a revision's spare capacity is below it (and
 * always at zero replicas) the activator stays in the request path (knative/serving knative-v1.21.1
 * `config/core/configmaps/autoscaler.yaml`).
 */
export const KNATIVE_DEFAULT_TARGET_BURST_CAPACITY = 211;

/**
 * `allowFrom` is refused in KSERVE_SERVERLESS. Requests reach a Knative revision's pods through the
 * activator, which re-sends them from its own pod (knative/serving knative-v1.21.1
 * `pkg/activator/handler/handler.go` `proxyRequest`: an `httputil.ReverseProxy`), whenever it is in
 * the path (see {@link KNATIVE_DEFAULT_TARGET_BURST_CAPACITY}), and otherwise from the ingress
 * gateway. A NetworkPolicy on the model pods therefore sees the activator or the gateway, never the
 * client: it cannot decide which clients reach the model, so a peer list there would only look like
 * a restriction. (Side ports such as metrics are reached directly and stay enforced.)
 */
export function refuseServerlessAllowFrom(path: string, allowFrom: readonly NetworkPeer[] | undefined): void {
  if (allowFrom === undefined) return;
  throw new ValidationError(path, 'allowFrom', allowFrom,
    "cannot be enforced in serverless mode: requests reach the pods through Knative's activator (a reverse proxy, in the path "
    + `at zero replicas and below a target-burst-capacity of ${KNATIVE_DEFAULT_TARGET_BURST_CAPACITY}) or the ingress gateway, so a `
    + 'NetworkPolicy on the pods sees those, never the client',
    'use ServingMode.KSERVE or ServingMode.DEPLOYMENT, where the NetworkPolicy admits only these peers; or drop allowFrom and '
    + 'authorize callers in front of Knative (a mesh policy at the gateway) or with apiKey');
}
