import { engineOf, EngineSignature, isLocalPath, servedModel, setting } from './engine-signatures';
import { ForbiddenSwitch } from '../engines/engine';
import { envLockFor } from '../env-lock';
import { ENGINE_MODULES } from '../engines/registry';
import { STORAGE_INITIALIZER_IMAGE } from '../kserve-release';
import { argv, ContainerRef, envEntry, envList, envValue, flagValues, hasFlag, imageRepository, Json, PodRef, truthy } from './manifest';
import { globMatch } from './patterns';
import { perContainer, Rule } from './rule';

/** A pinned Hub commit. */
export const COMMIT = /^[0-9a-f]{40}$/;
/** A pinned KServe Hub URI: `hf://owner/name:<commit>`. */
const PINNED_HF_URI = /^hf:\/\/[^/\s:]+\/[^/\s:]+:[0-9a-f]{40}$/;
const HF_URI = /hf:\/\/[^\s'"]+/g;
/** Weight loaders that unpickle. */
const PICKLE_LOAD_FORMATS = new Set(['pt', 'npcache']);
/** File names standing for pickle weights: an allow-list that admits one admits pickle. */
const PICKLE_SAMPLES = ['pytorch_model.bin', 'model.pt', 'model.pth', 'model.pkl'];
/** Images that download model files. */
export const DOWNLOADER_IMAGES = [imageRepository(STORAGE_INITIALIZER_IMAGE)];
/** Telemetry switches every Hugging Face process honours. */
const BASE_TELEMETRY: Readonly<Record<string, string>> = { HF_HUB_DISABLE_TELEMETRY: '1', DO_NOT_TRACK: '1' };
/** Every engine module's forbidden switches: checked in every container. */
const FORBIDDEN: readonly ForbiddenSwitch[] = ENGINE_MODULES.flatMap(m => m.forbidden);

/** True when the container sets this forbidden switch. */
function sets(c: Json, f: ForbiddenSwitch): boolean {
  if (!f.name.startsWith('-')) return f.when === 'set' ? Boolean(envValue(c, f.name)) : truthy(envValue(c, f.name));
  if (f.values) return flagValues(c, f.name).some(v => v.split(',').map(x => x.trim()).some(x => f.values!.includes(x)));
  return hasFlag(c, f.name);
}

/** `major.minor.patch` at the start of an image tag (`v0.11.0`, `0.12.0-cpu`), if any. */
function tagVersion(image: string): number[] | undefined {
  const last = image.split('@')[0].split('/').pop() ?? '';
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : '';
  const m = /^v?([0-9]+)\.([0-9]+)(?:\.([0-9]+))?/.exec(tag);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

function older(a: number[], b: number[]): boolean {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

/**
 * True for a container that downloads models (storage initializer image, or `hf://` in its command).
 * A storage-initializer container whose every mount is read-only (a cache readiness or digest check)
 * has nowhere to write a download and is not one.
 */
export function isDownloader(c: ContainerRef): boolean {
  const image = typeof c.spec.image === 'string' ? imageRepository(c.spec.image) : '';
  if (argv(c.spec).some(t => t.includes('hf://'))) return true;
  const mounts: unknown[] = Array.isArray(c.spec.volumeMounts) ? c.spec.volumeMounts : [];
  const readOnly = mounts.length > 0 && mounts.every(m => typeof m === 'object' && m !== null && (m as Json).readOnly === true);
  return DOWNLOADER_IMAGES.some(i => image === i || image.endsWith(`/${i}`)) && !readOnly;
}

/** Is remote code on for this engine container? */
export function remoteCodeOn(c: ContainerRef, e: EngineSignature): boolean {
  const rc = e.remoteCode;
  if (!rc) return false;
  const env = rc.env ? envValue(c.spec, rc.env) : undefined;
  if (rc.on.some(f => hasFlag(c.spec, f))) return true;
  if (rc.off.some(f => hasFlag(c.spec, f))) return false;
  if (env !== undefined) return truthy(env);
  return rc.defaultOn;
}

function hfUris(c: ContainerRef, p: PodRef): string[] {
  const texts = [...argv(c.spec), ...envList(c.spec).map(e => String(e.value ?? ''))];
  if (typeof c.spec.storageUri === 'string') texts.push(c.spec.storageUri);
  if (c === p.containers[0]) texts.push(...p.storageUris);
  return [...new Set(texts.flatMap(t => t.match(HF_URI) ?? []))];
}

function allowPatterns(raw: string): string[] {
  const s = raw.trim();
  if (s.startsWith('[')) {
    try { return (JSON.parse(s) as unknown[]).map(String); } catch { return [s]; }
  }
  return s.split(',').map(x => x.trim()).filter(Boolean);
}


const engineContainer = (c: ContainerRef) => engineOf(c) !== undefined;
const servingEngine = (c: ContainerRef) => !c.init && engineOf(c) !== undefined;

/** Checks specific to model servers: remote code, pinning, pickle, telemetry, auth, dangerous switches. */
export const ENGINE_RULES: readonly Rule[] = [
  {
    id: 'M01', title: 'trust-remote-code off unless requested', severity: 'error',
    source: 'vLLM --trust-remote-code; Infinity --no-trust-remote-code / INFINITY_TRUST_REMOTE_CODE; KServe --trust_remote_code; transformers ' +
      'guidance',
    fix: 'leave remote code off (Infinity: pass --no-trust-remote-code); turn it on only for a reviewed, pinned model',
    run: perContainer((c, _p, add) => {
      const e = engineOf(c)!;
      if (!remoteCodeOn(c, e)) return;
      const explicit = e.remoteCode!.on.some(f => hasFlag(c.spec, f)) || (e.remoteCode!.env !== undefined && truthy(envValue(c.spec,
        e.remoteCode!.env)));
      if (explicit) add(`${e.engine} runs the model repository's Python code (trust-remote-code is on)`, { severity: 'warning',
        fix: 'make sure this is intended; M02 requires the code to be pinned' });
      else add(`${e.engine} trusts remote code by default and nothing turns it off`);
    }, engineContainer),
  },
  {
    id: 'M02', title: 'remote code pinned to one commit', severity: 'error',
    source: 'transformers remote-code warning; vLLM --revision/--code-revision/--tokenizer-revision; CVE-2025-66448',
    fix: 'pin the model, code and tokenizer revisions to the same 40-hex commit',
    run: perContainer((c, p, add) => {
      const e = engineOf(c)!;
      if (!remoteCodeOn(c, e)) return;
      const model = servedModel(c.spec, e);
      const hub = model !== undefined ? !isLocalPath(model) : !(c.key && p.storageUris.length > 0);
      const revs: [string, string | undefined, boolean][] = [
        ['model revision', setting(c.spec, e.revision.flags, e.revision.env), hub],
        ...(e.revision.code.length > 0 ? [['code revision', setting(c.spec, e.revision.code), hub] as [string, string | undefined, boolean]] : []),
        ...(e.revision.tokenizer.length > 0 ? [['tokenizer revision', setting(c.spec, e.revision.tokenizer), hub] as [string, string | undefined,
          boolean]] : []),
      ];
      for (const [what, v, required] of revs) {
        if (v === undefined) {
          if (required) add(`remote code is on but the ${what} is not set`);
        } else if (!COMMIT.test(v)) add(`remote code is on but the ${what} "${v}" is not a 40-hex commit`);
      }
      const values = new Set(revs.map(r => r[1]).filter((v): v is string => v !== undefined));
      if (values.size > 1) add(`remote code is on but the revisions differ (${[...values].join(', ')})`);
      if (!hub) {
        for (const u of hfUris(c, p)) if (!PINNED_HF_URI.test(u)) add(`remote code is on but ${u} is not pinned to a commit`);
        for (const d of p.initContainers) {
          for (const u of hfUris(d, p)) if (!PINNED_HF_URI.test(u)) add(`remote code is on but the download of ${u} is not pinned to a commit`);
        }
      }
    }, engineContainer),
  },
  {
    id: 'M03', title: 'Hub downloads pinned to a commit', severity: 'warning',
    source: 'huggingface_hub REGEX_COMMIT_HASH; KServe hf:// storage URI parser',
    fix: 'pin every download to a 40-hex commit: hf://owner/name:<commit>, --revision <commit>',
    run: perContainer((c, p, add) => {
      for (const u of hfUris(c, p)) if (!PINNED_HF_URI.test(u)) add(`${u} is not pinned to a 40-hex commit`);
      const e = engineOf(c);
      if (!e) return;
      for (const flags of [e.revision.flags, e.revision.code, e.revision.tokenizer]) {
        for (const f of flags) for (const v of flagValues(c.spec, f)) if (!COMMIT.test(v)) add(`${f} "${v}" is not a 40-hex commit`);
      }
      for (const n of e.revision.env) {
        const v = envValue(c.spec, n);
        if (v !== undefined && !COMMIT.test(v)) add(`${n} "${v}" is not a 40-hex commit`);
      }
      const model = servedModel(c.spec, e);
      if (model !== undefined && !isLocalPath(model) && setting(c.spec, e.revision.flags,
        e.revision.env) === undefined && e.revision.flags.length > 0) {
        add(`${e.engine} downloads ${model} from the Hub without a revision`);
      }
    }),
  },
  {
    id: 'M04', title: 'safetensors only, no pickle', severity: 'error',
    source: 'vLLM --load-format; KServe STORAGE_ALLOW_PATTERNS; CVE-2025-24357, CVE-2025-32434',
    fix: 'load safetensors only (vLLM --load-format safetensors) and download with an allow-list without *.bin/*.pt/*.pth/*.pkl',
    run: perContainer((c, _p, add) => {
      const e = engineOf(c);
      const lf = e?.loadFormat;
      if (lf) {
        const formats = flagValues(c.spec, lf.flag);
        for (const f of formats) if (PICKLE_LOAD_FORMATS.has(f)) add(`${lf.flag} ${f} loads pickle weights`);
        // e.g. upstream vLLM, or KServe's runtime on its vLLM backend: without the flag, `auto` falls back to pickle
        const when = lf.pickleByDefault;
        const pickleByDefault = when === true || flagValues(c.spec, when.flag).includes(when.value);
        if (formats.length === 0 && pickleByDefault) add(`no ${lf.flag}: the default (auto) falls back to pickle .bin/.pt files`,
          { severity: 'warning' });
      }
      const raw = envValue(c.spec, 'STORAGE_ALLOW_PATTERNS');
      if (raw !== undefined) {
        const pickled = allowPatterns(raw).filter(pt => PICKLE_SAMPLES.some(s => globMatch(pt, s)));
        for (const pt of pickled) add(`STORAGE_ALLOW_PATTERNS admits pickle files ("${pt}")`);
      } else if (isDownloader(c) && envEntry(c.spec, 'STORAGE_ALLOW_PATTERNS') === undefined) {
        add('downloads without STORAGE_ALLOW_PATTERNS, so pickle files are fetched too', { severity: 'warning' });
      }
    }),
  },
  {
    id: 'M05', title: 'telemetry off', severity: 'warning',
    source: 'huggingface_hub HF_HUB_DISABLE_TELEMETRY; vLLM VLLM_NO_USAGE_STATS / DO_NOT_TRACK; Infinity INFINITY_ANONYMOUS_USAGE_STATS',
    fix: 'set HF_HUB_DISABLE_TELEMETRY=1, DO_NOT_TRACK=1 and the engine switch (VLLM_NO_USAGE_STATS=1, INFINITY_ANONYMOUS_USAGE_STATS=0)',
    run: perContainer((c, _p, add) => {
      for (const n of Object.keys(BASE_TELEMETRY)) if (!truthy(envValue(c.spec, n))) add(`${n} is not 1`);
      const extra = engineOf(c)?.telemetry ?? {};
      for (const [n, v] of Object.entries(extra)) if (envValue(c.spec, n) !== v) add(`${n} is not "${v}"`);
    }, c => engineOf(c) !== undefined || isDownloader(c)),
  },
  {
    id: 'M08', title: 'API authentication on', severity: 'warning',
    source: 'vLLM security guide (VLLM_API_KEY); TEI --api-key/API_KEY; Infinity INFINITY_API_KEY; TorchServe token authorization',
    fix: 'give the server an API key from a Secret (vLLM VLLM_API_KEY, TEI API_KEY, Infinity INFINITY_API_KEY) and keep TorchServe token auth on',
    run: perContainer((c, _p, add) => {
      const e = engineOf(c)!;
      const token = e.tokenAuth;
      if (token) {
        if (token.disableFlags.some(f => hasFlag(c.spec, f)) || token.disableEnv.some(n => truthy(envValue(c.spec,
          n)))) add(`${token.name} is disabled`);
        return;
      }
      if (!e.apiKey) return;
      const has = e.apiKey.flags.some(f => hasFlag(c.spec, f)) || e.apiKey.env.some(n => envEntry(c.spec, n));
      if (!has) add(`${e.engine} serves without an API key`);
    }, c => servingEngine(c) && (engineOf(c)!.apiKey !== undefined || engineOf(c)!.tokenAuth !== undefined)),
  },
  {
    id: 'M13', title: 'engine release carries the security fixes', severity: 'warning',
    source: 'vLLM advisories (CVE-2025-6242, GHSA-wr9h-g72x-mwhm); TorchServe 0.11 security defaults',
    fix: 'upgrade the engine image (vLLM ≥ 0.11.0, TorchServe ≥ 0.11.1), pinned by digest',
    run: perContainer((c, _p, add) => {
      const e = engineOf(c)!;
      const v = tagVersion(String(c.spec.image));
      const min = e.minimumVersion!.split('.').map(Number);
      if (v && older(v, min)) add(`${String(c.spec.image)} is older than ${e.engine} ${e.minimumVersion}`);
    }, c => typeof c.spec.image === 'string' && engineOf(c)?.minimumVersion !== undefined),
  },
  {
    id: 'M09', title: 'no dangerous engine switches', severity: 'error',
    source: 'vLLM security guide and envs.py (VLLM_SERVER_DEV_MODE, VLLM_ALLOW_INSECURE_SERIALIZATION, VLLM_ALLOW_RUNTIME_LORA_UPDATING, ' +
      'tokenizer info endpoint, demo tool server, profiler)',
    fix: 'remove the switch: it opens unauthenticated or code-executing endpoints',
    run: perContainer((c, _p, add) => {
      for (const f of FORBIDDEN) if (sets(c.spec, f)) add(f.finding);
      // variables that load code or redirect the runtime in any process (env-lock.ts)
      for (const e of envList(c.spec)) {
        const lock = typeof e.name === 'string' ? envLockFor(e.name) : undefined;
        if (lock) add(`${e.name} is set: it ${lock.why}`);
      }
    }),
  },
];
