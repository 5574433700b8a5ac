import { ValidationError } from './errors';
import { isDnsLabel } from './labels';

/** Where a construct lives. */
export interface ServingContext {
  /** Construct path for messages (`serving/falcon-7b`). */
  readonly path: string;
  /** Object name (`falcon-7b`). */
  readonly name: string;
  /** Namespace. */
  readonly namespace?: string;
}

/** The namespace a construct deploys into: set, and not `default` or `kube-system`. */
export function requireNamespace(path: string, namespace: string | undefined): string {
  if (!namespace) {
    throw new ValidationError(path, 'namespace', namespace, 'is not set',
      'give the Chart a namespace (new Chart(app, id, { namespace })) or pass namespace to the component');
  }
  if (namespace === 'default' || namespace === 'kube-system' || !isDnsLabel(namespace.replace(/^[0-9]/, 'n'))) {
    throw new ValidationError(path, 'namespace', namespace, 'is not a dedicated namespace',
      'deploy models into their own namespace, e.g. "ml-serving"');
  }
  return namespace;
}
