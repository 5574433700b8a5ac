import { ENGINE_MODULES } from '../engines/registry';
import { engineOf, isLocalPath, servedModel } from './engine-signatures';
import { ContainerRef, envEntry, envList, envValue, flagValues, PodRef, truthy } from './manifest';
import { perContainer, Rule } from './rule';

/**
 * Words of an env name (split on `_`, `-`, `.`) that mark a credential. Whole words, so
 * `TOKENIZERS_PARALLELISM` or `MAX_BATCH_TOKENS` are not mistaken for tokens.
 */
const SECRET_WORDS = new Set(['SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'BEARER', 'APIKEY', 'CREDENTIAL', 'CREDENTIALS']);
/** Adjacent word pairs that mark a credential (`API_KEY`, `PRIVATE_KEY`). */
const SECRET_PAIRS = new Set(['API KEY', 'PRIVATE KEY']);
/** Names that look like credentials but hold a path or a switch. */
const NOT_SECRET = /(_PATH|_FILE|_DIR)$|^HF_HUB_DISABLE_IMPLICIT_TOKEN$/;
/** Values that are switches, never credentials. */
const SWITCH_VALUE = /^(true|false|yes|no|on|off|0|1)$/i;
/** Credentials known by name: the Hub's and the cloud's, and every engine module's secret env. */
const KNOWN_SECRETS = new Set(['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', ...ENGINE_MODULES.flatMap(m => m.secrets.env)]);
/** A PEM private key header (also the sloppy three-dash spelling). */
const PEM = /-{3,}\s*BEGIN [A-Z ]*PRIVATE KEY\s*-{3,}/;
/** Flags that take a credential, from every engine module. */
const SECRET_FLAGS = [...new Set(ENGINE_MODULES.flatMap(m => m.secrets.flags))];
/** Flags that hand the Hub token to a process. */
const HF_TOKEN_FLAGS = [...new Set(ENGINE_MODULES.flatMap(m => m.secrets.hubTokenFlags))];
/** A Kubernetes `$(VAR)` reference, which expands an env var (itself from a Secret) at start. */
const ENV_REFERENCE = /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/;
/** Env that hands the Hugging Face token to a process. */
export const HF_TOKEN_ENV = ['HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_TOKEN_PATH'];

/** True for an env name that, by its words, holds a credential. */
export function secretName(name: string): boolean {
  if (NOT_SECRET.test(name)) return false;
  const words = name.toUpperCase().split(/[_.-]+/);
  return words.some(w => SECRET_WORDS.has(w)) || words.some((w, i) => SECRET_PAIRS.has(`${w} ${words[i + 1]}`));
}

function tokenSources(c: ContainerRef): string[] {
  const env = HF_TOKEN_ENV.filter(n => envEntry(c.spec, n));
  return [...env, ...HF_TOKEN_FLAGS.filter(f => flagValues(c.spec, f).length > 0)];
}

/** True for a serving container whose model is local (so it needs no network and no token). */
export function servesLocalModel(c: ContainerRef, p: PodRef): boolean {
  const e = engineOf(c);
  if (!e || c.init) return false;
  const model = servedModel(c.spec, e);
  if (model !== undefined) return isLocalPath(model);
  return c.key !== undefined && p.storageUris.length > 0;
}

/** Checks for credentials: literal secrets, where the Hub token may appear. */
export const SECRET_RULES: readonly Rule[] = [
  {
    id: 'K21', title: 'no literal secrets in env or args', severity: 'error',
    source: 'Polaris sensitiveContainerEnvVar; kube-linter env-var-secret; kubescape C-0012',
    fix: 'read the value from a Secret (valueFrom.secretKeyRef, or a Secret volume)',
    run: perContainer((c, _p, add) => {
      for (const e of envList(c.spec)) {
        const name = String(e.name ?? '');
        if (e.value === undefined || e.value === '') continue;
        if (KNOWN_SECRETS.has(name) || (secretName(name) && !SWITCH_VALUE.test(String(e.value)))) add(`env ${name} has a literal value`);
        else if (PEM.test(String(e.value))) add(`env ${name} holds a PEM private key`);
      }
      for (const f of SECRET_FLAGS) {
        for (const v of flagValues(c.spec, f)) if (v !== '' && !ENV_REFERENCE.test(v)) add(`${f} is given a literal value in args`,
          { fix: `pass the value through an env var from a Secret, e.g. ${f}=$(NAME)` });
      }
    }),
  },
  {
    id: 'M06', title: 'offline serving of local models, no token', severity: 'warning',
    source: 'huggingface_hub environment variables (HF_HUB_OFFLINE); own',
    fix: 'set HF_HUB_OFFLINE=1 and TRANSFORMERS_OFFLINE=1 on the server and give it no Hub token',
    run: perContainer((c, _p, add) => {
      if (!truthy(envValue(c.spec, 'HF_HUB_OFFLINE'))) add('serves a local model without HF_HUB_OFFLINE=1');
      if (!truthy(envValue(c.spec, 'TRANSFORMERS_OFFLINE'))) add('serves a local model without TRANSFORMERS_OFFLINE=1');
      for (const s of tokenSources(c)) add(`offline server holds a Hub token (${s})`, { severity: 'error',
        fix: 'give the token only to the download step' });
    }, (c, p) => servesLocalModel(c, p) || (!c.init && truthy(envValue(c.spec, 'HF_HUB_OFFLINE')))),
  },
  {
    id: 'M07', title: 'Hub token only in the downloader, from a Secret', severity: 'error',
    source: 'NSA secrets guidance; own',
    fix: 'give HF_TOKEN only to an init container or download Job, via valueFrom.secretKeyRef',
    run: perContainer((c, p, add) => {
      for (const s of tokenSources(c)) {
        if (!c.init && !p.runsToCompletion) add(`serving container holds the Hub token (${s})`);
        const e = envEntry(c.spec, s);
        if (e && s !== 'HF_TOKEN_PATH' && e.value !== undefined) add(`${s} is a literal, not a Secret reference`);
      }
    }),
  },
];
