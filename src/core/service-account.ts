import { ValidationError } from './errors';
import { validateMetadata } from './metadata';
import { isDnsSubdomain } from './pod-placement';

/** The identity the serving pods run as (cloud access to model storage: IRSA, GKE Workload Identity). */
export interface ServiceAccountOptions {
  /**
   * Run as this existing ServiceAccount; the construct then creates none. The pod still mounts no
   * API token (`automountServiceAccountToken: false` on the pod wins over the ServiceAccount's).
   * @default - a ServiceAccount named after the construct, created with it
   */
  readonly name?: string;
  /**
   * Annotations of the ServiceAccount the construct creates, e.g.
   * `{ 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/models-read' }` (IRSA) or
   * `{ 'iam.gke.io/gcp-service-account': 'models@project.iam.gserviceaccount.com' }` (Workload Identity).
   * @default - none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Validate `serviceAccount`: a valid name, or annotations for the one we create, not both. */
export function validateServiceAccount(path: string, sa: ServiceAccountOptions | undefined, needsSecrets: readonly string[]): void {
  if (sa === undefined) return;
  if (typeof sa !== 'object' || sa === null) {
    throw new ValidationError(path, 'serviceAccount', sa, 'is not an object',
      'give { name } of an existing ServiceAccount, or { annotations } for the one the construct creates');
  }
  if (sa.name !== undefined) {
    if (!isDnsSubdomain(sa.name)) {
      throw new ValidationError(path, 'serviceAccount.name', sa.name, 'is not a valid ServiceAccount name', 'give a lower-case DNS name');
    }
    if (sa.annotations !== undefined) {
      throw new ValidationError(path, 'serviceAccount.annotations', sa.annotations,
        `cannot be set on "${sa.name}", a ServiceAccount the construct does not create`,
        'annotate that ServiceAccount where it is defined, or drop serviceAccount.name to let the construct create an annotated one');
    }
    if (needsSecrets.length > 0) {
      throw new ValidationError(path, 'serviceAccount.name', sa.name,
        `cannot carry the Hub token Secret "${needsSecrets[0]}" that KServe's storage initializer reads from the ServiceAccount's secrets`,
        `list "${needsSecrets[0]}" under that ServiceAccount's secrets yourself and drop hfToken, or drop serviceAccount.name`);
    }
  }
  validateMetadata(path, 'serviceAccount', { annotations: sa.annotations });
}
