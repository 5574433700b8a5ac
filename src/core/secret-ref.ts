/**
 * A reference to a key of a Kubernetes Secret. Tokens and API keys travel only this way:
 * the value never appears in a synthesized manifest.
 *
 * @example SecretRef.of('hf-secret', 'token')
 */
export class SecretRef {
  /** Reference key `key` of the Secret named `name` in the workload's namespace. */
  public static of(name: string, key: string): SecretRef {
    return new SecretRef(name, key);
  }

  /**
   * Reference a key of an existing secret object, such as a cdk8s-plus `ISecret`
   * (`kplus.Secret.fromSecretName(...)`) or anything else with a `name`.
   */
  public static fromSecret(secret: { readonly name: string }, key: string): SecretRef {
    return new SecretRef(secret.name, key);
  }

  /** True if `x` is a SecretRef (a plain string is not). */
  public static isSecretRef(x: unknown): x is SecretRef {
    return x instanceof SecretRef;
  }

  private constructor(
    /** Name of the Secret. */
    public readonly name: string,
    /** Key inside the Secret. */
    public readonly key: string,
  ) {}
}
