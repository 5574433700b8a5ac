import { PROCESS_ENV_LOCKS, prefixReachesLock } from './env-lock';
import { ValidationError } from './errors';
import { EnvFromSource, EnvVar } from './kube';
import { isDnsSubdomain } from './pod-placement';
import { validateEnv } from './validate';

/**
 * Environment from a ConfigMap. The keys of a ConfigMap are not visible when the manifest is made,
 * so either name the `keys` to read (each checked like `env`), or give a `prefix` that keeps every
 * key out of the variables engines and runtimes read.
 */
export interface EnvFromConfigMap {
  /** ConfigMap in the model's namespace. */
  readonly configMap: string;
  /**
   * Read these keys only, each as the variable of the same name (refused like `env` names).
   * @default - give `prefix` instead
   */
  readonly keys?: readonly string[];
  /**
   * Import every key as `<prefix><key>` (Kubernetes `envFrom`). The prefix must keep the names out of
   * the engines' env prefixes (`ENGINE_ENV_PREFIXES`) and out of the names the construct sets.
   * @default - give `keys` instead
   */
  readonly prefix?: string;
}

/**
 * Name prefixes of variables that engines, their Python runtime or cloud SDKs read: a ConfigMap
 * imported under such a prefix could re-open what the library closes (`VLLM_SERVER_DEV_MODE`,
 * `HF_HUB_OFFLINE=0`, `LD_PRELOAD`, a proxy or CA that redirects downloads, cloud credentials).
 */
export const ENGINE_ENV_PREFIXES: readonly string[] = [
  'VLLM_', 'HF_', 'HUGGINGFACE', 'TRANSFORMERS_', 'TOKENIZERS_', 'SAFETENSORS_', 'TORCH', 'PYTORCH_', 'CUDA', 'NCCL_', 'NVIDIA_',
  'TRITON_', 'PYTHON', 'LD_', 'INFINITY_', 'TS_', 'KSERVE_', 'STORAGE_', 'SGLANG_', 'OMP_', 'MKL_',
  'SSL_', 'REQUESTS_', 'CURL_', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'AWS_', 'GOOGLE_', 'AZURE_', 'HOME', 'TMPDIR', 'XDG_', 'PATH',
];

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Validate `envFrom` against the env lock: `managed` names (set by the construct) and the rules of `env`. */
export function validateEnvFrom(path: string, entries: readonly EnvFromConfigMap[] | undefined, managed: ReadonlySet<string>): void {
  const seen = new Set<string>();
  (entries ?? []).forEach((e, i) => {
    const f = `envFrom[${i}]`;
    if (typeof e !== 'object' || e === null || !isDnsSubdomain(e.configMap)) {
      throw new ValidationError(path, `${f}.configMap`, e?.configMap, 'is not a ConfigMap name',
        'give the name of a ConfigMap in the model\'s namespace');
    }
    if ((e.keys === undefined) === (e.prefix === undefined)) {
      throw new ValidationError(path, f, e, 'must give either keys or prefix',
        'list the keys to read (keys: ["LOG_LEVEL"]), or import every key under a prefix of your own (prefix: "APP_")');
    }
    if (e.prefix !== undefined) {
      const p = e.prefix;
      if (!ENV_NAME.test(p)) {
        throw new ValidationError(path, `${f}.prefix`, p, 'is not the start of an environment variable name',
          'use letters, digits and "_", e.g. "APP_"');
      }
      const up = p.toUpperCase();
      const hit = ENGINE_ENV_PREFIXES.find(d => d.startsWith(up) || up.startsWith(d)) ?? prefixReachesLock(up, PROCESS_ENV_LOCKS)?.name.replace(/\*$/, '')
        ?? [...managed].find(m => m.toUpperCase().startsWith(up));
      if (hit) {
        throw new ValidationError(path, `${f}.prefix`, p,
          `lets the ConfigMap set variables such as ${hit}…, which the engine or the construct controls`,
          'use a prefix of your own (e.g. "APP_"), or list the keys to read with keys');
      }
      return;
    }
    if (!Array.isArray(e.keys) || e.keys.length === 0) {
      throw new ValidationError(path, `${f}.keys`, e.keys, 'is empty', 'list at least one key');
    }
    e.keys.forEach((k, j) => {
      if (seen.has(k)) {
        throw new ValidationError(path, `${f}.keys[${j}]`, k, 'is read twice', 'read each variable once');
      }
      seen.add(k);
      try {
        validateEnv(path, { [k]: '' }, managed);
      } catch (err) {
        if (!ValidationError.isValidationError(err)) throw err;
        throw new ValidationError(path, `${f}.keys[${j}]`, k, `is refused as in env (${err.message.slice(err.message.indexOf(': ') + 2)})`, err.fix);
      }
    });
  });
}

/** Container `env` entries (keyed reads) and `envFrom` sources (prefixed imports). */
export function envFromParts(entries: readonly EnvFromConfigMap[] | undefined): { env: EnvVar[]; envFrom: EnvFromSource[] } {
  const list = entries ?? [];
  return {
    env: list.flatMap(e => (e.keys ?? []).map(k => ({ name: k, valueFrom: { configMapKeyRef: { name: e.configMap, key: k } } }))),
    envFrom: list.filter(e => e.prefix !== undefined).map(e => ({ prefix: e.prefix, configMapRef: { name: e.configMap } })),
  };
}
