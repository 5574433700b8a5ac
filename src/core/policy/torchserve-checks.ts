import { TORCHSERVE_MODULE } from '../engines/torchserve';
import { engineOf } from './engine-signatures';
import { ContainerRef, envValue, hasFlag, isObject, Json, Manifest, namespaceOf, PodRef, truthy } from './manifest';
import { regexFullMatch } from './patterns';
import { perContainer, Rule } from './rule';

/** TorchServe's signature: how its containers are recognised and which switches open it up. */
const SIG = TORCHSERVE_MODULE.signature;
/** URLs a safe `allowed_urls` must refuse: any remote host, any local file. */
const PROBE_URLS = ['https://attacker.invalid/model.mar', 'file:///etc/passwd'];
/** Token env names `blacklist_env_vars` must hide from handlers. */
const TOKEN_NAMES = ['HF_TOKEN'];
const LOCAL_HOSTS = /^https?:\/\/(127\.0\.0\.1|localhost)(:|$)/;
/** Switches that must stay off in `config.properties`. */
const MUST_BE_OFF = ['enable_model_api', 'disable_token_authorization', 'install_py_dep_per_model', 'enable_envvars_config'];

/** Parse Java `.properties` text (`key=value` or `key: value`, `#`/`!` comments, `\` continuations). */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.replace(/\\\r?\n\s*/g, '').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (m) out[m[1]] = m[2].trim();
    else out[line] = '';
  }
  return out;
}

/** The `.properties` files in ConfigMaps mounted into the container, as `[where, parsed]`. */
function mountedProperties(m: Manifest, p: PodRef, c: ContainerRef): [string, Record<string, string>][] {
  const mounts = new Set((Array.isArray(c.spec.volumeMounts) ? c.spec.volumeMounts : []).map((v: Json) => v?.name));
  const volumes = (Array.isArray(p.pod.volumes) ? p.pod.volumes : []).filter((v: Json) => isObject(v) && mounts.has(v.name));
  const names = volumes.flatMap((v: Json) => [
    ...(isObject(v.configMap) ? [String(v.configMap.name)] : []),
    ...(Array.isArray(v.projected?.sources)
      ? v.projected.sources.filter((s: Json) => isObject(s?.configMap)).map((s: Json) => String(s.configMap.name))
      : []),
  ]);
  const out: [string, Record<string, string>][] = [];
  const mounted = (o: Json) => o.kind === 'ConfigMap' && names.includes(String(o.metadata?.name)) && namespaceOf(o) === namespaceOf(p.owner);
  for (const cm of m.objects.filter(mounted)) {
    for (const [key, text] of Object.entries(isObject(cm.data) ? cm.data : {})) {
      if (key.endsWith('.properties')) out.push([`ConfigMap ${String(cm.metadata.name)} key ${key}`, parseProperties(String(text))]);
    }
  }
  return out;
}

/** Does the Java regex match the whole text? Linear time; `undefined` when the regex is outside what can be evaluated. */
function matchesAll(regex: string, text: string): boolean | undefined {
  return regexFullMatch(regex, text);
}

/** TorchServe checks (M10): model API off, token auth on, restricted URLs, no per-model pip, no env config. */
export const TORCHSERVE_RULES: readonly Rule[] = [
  {
    id: 'M10', title: 'TorchServe locked down', severity: 'error',
    source: 'TorchServe SECURITY.md and configuration docs (0.11 defaults); ShellTorch CVE-2023-43654',
    fix: 'mount a config.properties with enable_model_api=false, token auth on, allowed_urls limited to your model store, ' +
      'install_py_dep_per_model=false, enable_envvars_config=false; no --enable-model-api or --disable-token-auth',
    run: perContainer((c, p, add, ctx) => {
      for (const f of SIG.modelApi?.enableFlags ?? []) if (hasFlag(c.spec, f)) add(`${f} turns on model registration at run time`);
      for (const f of SIG.tokenAuth?.disableFlags ?? []) if (hasFlag(c.spec, f)) add(`${f} turns off token authorization`);
      for (const n of SIG.modelApi?.enableEnv ?? []) if (truthy(envValue(c.spec, n))) add(`${n} is on`);
      for (const n of SIG.tokenAuth?.disableEnv ?? []) if (truthy(envValue(c.spec, n))) add(`${n} is on`);
      const configs = mountedProperties(ctx.manifest, p, c);
      if (configs.length === 0) {
        if (p.storageUris.length > 0) add('config.properties comes from the model storage (KServe), so it cannot be checked here',
          { severity: 'warning', fix: 'check config/config.properties in the model storage against this rule' });
        else add('no config.properties from a ConfigMap among the objects is mounted, so allowed_urls keeps its default (any URL)');
        return;
      }
      for (const [where, props] of configs) {
        for (const k of MUST_BE_OFF) if (truthy(props[k])) add(`${where}: ${k}=${props[k]}`);
        const allowed = props.allowed_urls;
        if (allowed === undefined || allowed === '') add(`${where}: allowed_urls is unset (default allows any URL)`);
        else {
          const entries = allowed.split(',').map(r => r.trim());
          const unreadable = entries.filter(r => matchesAll(r, PROBE_URLS[0]) === undefined);
          const cannot = 'uses regex syntax the check cannot evaluate; count it as admitting any URL';
          for (const r of unreadable) add(`${where}: allowed_urls entry "${r.slice(0, 80)}" ${cannot}`);
          if (unreadable.length === 0) {
            for (const url of PROBE_URLS) if (entries.some(r => matchesAll(r, url) === true)) add(`${where}: allowed_urls admits ${url}`);
          }
        }
        const mgmt = props.management_address;
        if (mgmt !== undefined && !LOCAL_HOSTS.test(mgmt)) add(`${where}: management_address ${mgmt} is not bound to 127.0.0.1`,
          { severity: 'warning' });
        const hidden = props.blacklist_env_vars;
        const hides = (n: string) => hidden !== undefined && matchesAll(hidden, n) === true;
        if (!TOKEN_NAMES.every(hides)) {
          add(`${where}: blacklist_env_vars does not hide ${TOKEN_NAMES.join(', ')} from handlers`, { severity: 'warning' });
        }
      }
    }, c => !c.init && engineOf(c) === SIG),
  },
];
