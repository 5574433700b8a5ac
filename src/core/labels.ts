/** Labels every object carries; `selectorLabels` is the stable subset selectors use. */
export function standardLabels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'hf-serving',
    'app.kubernetes.io/managed-by': 'hf-serving-constructs',
  };
}

/** The labels that select the pods of one serving instance (never changes across versions). */
export function selectorLabels(name: string, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/component': component,
  };
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** True if `name` is a DNS-1035 label no longer than `max` (KServe requires this for InferenceService names). */
export function isDnsLabel(name: string, max = 63): boolean {
  return name.length <= max && DNS1035.test(name);
}
