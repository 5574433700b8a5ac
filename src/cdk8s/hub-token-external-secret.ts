import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { HubTokenExternalSecretProps, renderHubTokenExternalSecret } from '../core/hub-token-external-secret';
import { KubeObject } from '../core/kube';
import { SecretRef } from '../core/secret-ref';
import { recordProps } from './construct-props';
import { addObjects, servingContext } from './render';

export type { HubTokenExternalSecretProps };

/**
 * A Hub token pulled from your secret store by the External Secrets Operator
 * (`external-secrets.io/v1` ExternalSecret) into a Secret named after the construct, key `HF_TOKEN`.
 * The token never appears in a manifest; pass `secretRef` as `hfToken`.
 *
 * @example
 * const token = new HubTokenExternalSecret(chart, 'hf-token', { storeName: 'vault', remoteKey: 'ml/hf-token' });
 * new VllmPredictor(chart, 'private-llm', { model, hfToken: token.secretRef, gpus: 1 });
 */
export class HubTokenExternalSecret extends Construct {
  /** Reference to key `HF_TOKEN` of the Secret the operator creates. */
  public readonly secretRef: SecretRef;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects. */
  public readonly apiObjects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: HubTokenExternalSecretProps) {
    super(scope, id);
    const r = renderHubTokenExternalSecret(props, servingContext(this));
    recordProps(this, props);
    this.secretRef = r.secretRef;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
