import { refuseCredential, ValidationError } from './errors';
import { KubeObject } from './kube';
import type { ExternalSecret } from './crds/external-secrets';
import { isDnsLabel, standardLabels } from './labels';
import { SecretRef } from './secret-ref';
import { requireNamespace, ServingContext } from './context';

/** Kind of the External Secrets Operator store the token is read from. */
export enum SecretStoreKind {
  /** A `SecretStore` in the same namespace. */
  SECRET_STORE = 'SecretStore',
  /** A cluster-wide `ClusterSecretStore`. */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
}

/** Props of `HubTokenExternalSecret`. */
export interface HubTokenExternalSecretProps {
  /** Name of the SecretStore or ClusterSecretStore that holds the token. */
  readonly storeName: string;
  /**
   * Kind of the store.
   * @default SecretStoreKind.SECRET_STORE
   */
  readonly storeKind?: SecretStoreKind;
  /** Key of the token in the external store (e.g. the Vault path or the AWS secret name). */
  readonly remoteKey: string;
  /**
   * Property inside the remote secret, when the remote secret is a JSON object.
   * @default - the whole remote value is the token
   */
  readonly remoteProperty?: string;
  /**
   * How often the operator re-reads the token (a Go duration such as `1h`, `30m`).
   * @default '1h'
   */
  readonly refreshInterval?: string;
}

/** Every HubTokenExternalSecret default, in one place. */
export const HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS = {
  /** A rotated token reaches the cluster within an hour. */
  refreshInterval: '1h',
  /** Namespaced store unless told otherwise. */
  storeKind: SecretStoreKind.SECRET_STORE,
} as const;

/**
 * The Secret key the token lands under. `HF_TOKEN` is the only key KServe's credential builder
 * reads from a ServiceAccount's secrets (`pkg/credentials/hf/hf_secret.go`), so the token works for
 * KServe's storage initializer and for the library's own download step alike.
 */
export const HUB_TOKEN_KEY = 'HF_TOKEN';

/** The rendered ExternalSecret and the reference to the Secret it creates. */
export interface RenderedHubTokenExternalSecret {
  readonly objects: KubeObject[];
  /** Reference to key `HF_TOKEN` of the Secret the operator creates; pass it as `hfToken`. */
  readonly secretRef: SecretRef;
}

const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * Validate props and render an `external-secrets.io/v1` ExternalSecret `<name>` that makes the
 * External Secrets Operator create and own a Secret `<name>` whose key `HF_TOKEN` holds the token.
 */
export function renderHubTokenExternalSecret(props: HubTokenExternalSecretProps, ctx: ServingContext): RenderedHubTokenExternalSecret {
  const { path, name } = ctx;
  if (!isDnsLabel(name, 253)) {
    throw new ValidationError(path, 'name', name, 'is not a valid Secret name', 'use lower-case letters, digits and "-", starting with a letter');
  }
  const namespace = requireNamespace(path, ctx.namespace);
  if (typeof props.storeName !== 'string' || !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(props.storeName)) {
    throw new ValidationError(path, 'storeName', props.storeName, 'is not a valid store name',
      'give the metadata.name of your SecretStore or ClusterSecretStore');
  }
  const storeKind = props.storeKind ?? HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS.storeKind;
  if (!Object.values(SecretStoreKind).includes(storeKind)) {
    throw new ValidationError(path, 'storeKind', storeKind, 'is not a store kind',
      'use SecretStoreKind.SECRET_STORE or SecretStoreKind.CLUSTER_SECRET_STORE');
  }
  if (typeof props.remoteKey !== 'string' || props.remoteKey.trim() === '' || /[\n\0]/.test(props.remoteKey)) {
    throw new ValidationError(path, 'remoteKey', props.remoteKey, 'is not a key in the external store',
      'give the key (path or name) of the token in your secret store');
  }
  refuseCredential(path, 'remoteKey', props.remoteKey, 'the key (path or name) of the token in your secret store');
  if (props.remoteProperty !== undefined && (typeof props.remoteProperty !== 'string' || props.remoteProperty.trim() === '')) {
    throw new ValidationError(path, 'remoteProperty', props.remoteProperty, 'is empty',
      'give the JSON property that holds the token, or leave it unset');
  }
  if (props.remoteProperty !== undefined) refuseCredential(path, 'remoteProperty', props.remoteProperty, 'the JSON property that holds the token');
  const refreshInterval = props.refreshInterval ?? HUB_TOKEN_EXTERNAL_SECRET_DEFAULTS.refreshInterval;
  if (typeof refreshInterval !== 'string' || !GO_DURATION.test(refreshInterval)) {
    throw new ValidationError(path, 'refreshInterval', refreshInterval, 'is not a duration', 'write it like "1h" or "30m"');
  }
  const externalSecret: ExternalSecret = {
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, namespace, labels: standardLabels(name, 'hub-token') },
    spec: {
      refreshInterval,
      secretStoreRef: { kind: storeKind, name: props.storeName },
      target: { name, creationPolicy: 'Owner' },
      data: [{
        secretKey: HUB_TOKEN_KEY,
        remoteRef: { key: props.remoteKey, ...(props.remoteProperty !== undefined ? { property: props.remoteProperty } : {}) },
      }],
    },
  };
  return { objects: [externalSecret], secretRef: SecretRef.of(name, HUB_TOKEN_KEY) };
}
