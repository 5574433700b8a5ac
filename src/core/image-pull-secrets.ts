import { ValidationError } from './errors';
import { isDnsSubdomain } from './pod-placement';

/** Validate `imagePullSecrets`: names of existing `kubernetes.io/dockerconfigjson` Secrets, no duplicates. */
export function validateImagePullSecrets(path: string, names: readonly string[] | undefined): void {
  if (names === undefined) return;
  if (!Array.isArray(names)) {
    throw new ValidationError(path, 'imagePullSecrets', names, 'is not a list', 'give Secret names, e.g. ["registry-credentials"]');
  }
  names.forEach((n, i) => {
    if (!isDnsSubdomain(n)) {
      throw new ValidationError(path, `imagePullSecrets[${i}]`, n, 'is not a Secret name',
        'give the name of a kubernetes.io/dockerconfigjson Secret in the model\'s namespace');
    }
    if (names.indexOf(n) !== i) {
      throw new ValidationError(path, `imagePullSecrets[${i}]`, n, 'is listed twice', 'list each Secret once');
    }
  });
}

/** Pod `imagePullSecrets` field. */
export function imagePullSecretRefs(names: readonly string[] | undefined): { imagePullSecrets?: { name: string }[] } {
  return names && names.length > 0 ? { imagePullSecrets: names.map(name => ({ name })) } : {};
}
