/**
 * Which checks need the whole set of objects (selectors, NetworkPolicies, autoscalers, budgets,
 * ServiceAccounts, references, mounted ConfigMaps) and which judge one object alone. Tools that see
 * one object at a time (a Pulumi resource policy) run only the single-object checks there and the
 * others over the whole stack.
 */

/** Checks whose findings depend on other objects than the one they are reported on. */
export const CROSS_OBJECT_CHECKS: ReadonlySet<string> = new Set([
  'K14', // the ServiceAccount's automountServiceAccountToken
  'K15', // the ServiceAccount exists
  'K25', 'K26', 'K27', // selectors and Services against pod templates
  'K28', 'K29', 'K30', 'K38', // NetworkPolicies selecting the pods
  'K31', 'K32', 'K33', // autoscalers, budgets, replica floors
  'K37', // referenced Secrets, ConfigMaps, claims
  'M10', // TorchServe ConfigMaps mounted into the pod
]);
