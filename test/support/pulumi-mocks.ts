import * as pulumi from '@pulumi/pulumi';

/** A resource registration seen by the mocks. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
  readonly parent?: string;
}

/** Install Pulumi mocks that record every registration; returns the live list. */
export function recordRegistrations(): Registered[] {
  const seen: Registered[] = [];
  pulumi.runtime.setMocks({
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      seen.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  }, 'hf-serving', 'test', false);
  return seen;
}

/** Resolve an Output in a test. */
export function valueOf<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise(resolve => o.apply(v => { resolve(v); return v; }));
}

/** Wait until Pulumi has finished registering resources. */
export async function settle(): Promise<void> {
  await new Promise(r => setImmediate(r));
  await new Promise(r => setTimeout(r, 50));
}

/** Kubernetes objects (apiVersion + kind) among the registrations, as plain objects. */
export function kubeObjects(seen: readonly Registered[]): any[] {
  return seen.filter(r => r.inputs && r.inputs.apiVersion && r.inputs.kind).map(r => r.inputs);
}

const SECRET_SIG = '4dabf18193072939515e22adb298388d';
/** Replace Pulumi secret envelopes (as mocks see them) by their values. */
export function unwrapSecrets(value: any): any {
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (value && typeof value === 'object') {
    if (SECRET_SIG in value) return unwrapSecrets(value.value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  }
  return value;
}
