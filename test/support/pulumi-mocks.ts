import * as pulumi from '@pulumi/pulumi';

/** Resource options as the engine receives them in the RegisterResource request. */
export interface SentOptions {
  /** `customTimeouts` (Go duration strings; '' for an unset one); undefined when none is set. */
  readonly customTimeouts?: { readonly create: string; readonly update: string; readonly delete: string };
  readonly ignoreChanges: string[];
  readonly protect?: boolean;
  /** Provider reference `urn::id` ('' for the default provider). */
  readonly provider: string;
  /** Parent URN. */
  readonly parent: string;
  /** URNs this resource depends on. */
  readonly dependencies: string[];
  /** Alias URNs / specs, as sent. */
  readonly aliases: unknown[];
}

/** A resource registration seen by the mocks. */
export interface Registered {
  readonly type: string;
  readonly name: string;
  readonly inputs: any;
  readonly parent?: string;
  /** The options of the registration request. */
  readonly options: SentOptions;
}

function sentOptions(req: any): SentOptions {
  const t = req.getCustomtimeouts?.();
  return {
    customTimeouts: t && (t.getCreate() || t.getUpdate() || t.getDelete())
      ? { create: t.getCreate(), update: t.getUpdate(), delete: t.getDelete() }
      : undefined,
    ignoreChanges: req.getIgnorechangesList(),
    protect: req.getProtect(),
    provider: req.getProvider(),
    parent: req.getParent(),
    dependencies: req.getDependenciesList(),
    aliases: req.getAliasesList().map((a: any) => a.toObject()),
  };
}

/** Install Pulumi mocks that record every registration, with the options the engine would get; returns the live list. */
export function recordRegistrations(): Registered[] {
  const seen: Registered[] = [];
  const pending = new Map<string, SentOptions>();
  pulumi.runtime.setMocks({
    newResource: (args: pulumi.runtime.MockResourceArgs) => {
      const options = pending.get(`${args.type}::${args.name}`)!;
      seen.push({ type: args.type, name: args.name, inputs: args.inputs, parent: options.parent, options });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: (args: pulumi.runtime.MockCallArgs) => args.inputs,
  }, 'hf-serving', 'test', false);
  const monitor: any = pulumi.runtime.getMonitor();
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: any, callback: unknown) => {
    pending.set(`${req.getType()}::${req.getName()}`, sentOptions(req));
    return register(req, callback);
  };
  return seen;
}

/** Seconds of a Go duration string such as `7500s` or `2h5m` (what `customTimeouts` carries). */
export function durationSeconds(d: string): number {
  const units: Record<string, number> = { h: 3600, m: 60, s: 1 };
  const parts = [...d.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== d) throw new Error(`not a duration: ${d}`);
  return parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]], 0);
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

