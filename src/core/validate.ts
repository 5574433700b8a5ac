import { Engine, ForbiddenSwitch } from './engines/engine';
import { ENGINE_MODULES } from './engines/registry';
import { flagLockHits, flagLocks, moduleOf } from './engines/locks';
import { Redacted, refuseCredential, ValidationError } from './errors';
import { envLockFor, refuseCredentialValue } from './env-lock';
import { isDnsLabel } from './labels';
import { SecretRef } from './secret-ref';
import { INT32_MAX, requireArray } from './shapes';
import { ServingMode } from './serving-mode';

const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
const SECRET_NAME = /(secret|token|password|passwd|bearer|api[_-]?key|credential|private[_-]?key)/i;
/**
 * Switches that re-open what the library closes: every engine module's forbidden switches (refused
 * whatever the engine, since a switch of one engine has no business in another's pod), plus
 * `PYTHONPATH`, which the KServe webhook blocks and which can redirect imports.
 */
const FORBIDDEN: readonly ForbiddenSwitch[] = [
  ...ENGINE_MODULES.flatMap(m => m.forbidden),
  { name: 'PYTHONPATH', when: 'set', why: 'is blocked by the KServe webhook and can redirect imports', finding: 'PYTHONPATH is set' },
];
const FORBIDDEN_ENV = new Map(FORBIDDEN.filter(f => !f.name.startsWith('-')).map(f => [f.name, f.why]));

/**
 * Tag words that name a moving target rather than a release: a tag made of them (alone or joined
 * with `-`, `.` or `_` to words without a digit, e.g. `cpu-latest`) is refused unless a digest pins it.
 */
export const MOVING_TAG_WORDS: readonly string[] = [
  'latest', 'nightly', 'main', 'master', 'dev', 'develop', 'edge', 'head', 'canary', 'stable',
  'rolling', 'trunk', 'unstable', 'current', 'release', 'beta', 'alpha', 'preview', 'next',
];

/** The image's tag (undefined when none). */
function imageTag(image: string): string | undefined {
  const last = image.split('@')[0].split('/').pop() ?? '';
  return last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
}

/** True for a tag that moves: a moving word and no version number beside it. */
export function isMovingTag(tag: string): boolean {
  const words = tag.toLowerCase().split(/[-._]/);
  return words.some(w => MOVING_TAG_WORDS.includes(w)) && !words.some(w => /[0-9]/.test(w));
}

/** Refuse moving (`latest` in any case, `nightly`, `main`, ...), untagged and malformed image references. */
export function validateImage(path: string, field: string, image: string): void {
  const ok = typeof image === 'string' && IMAGE.test(image);
  const digest = ok && image.includes('@sha256:');
  const tag = ok ? imageTag(image) : undefined;
  if (!ok || (tag === undefined && !digest) || (tag !== undefined && isMovingTag(tag) && !digest)) {
    throw new ValidationError(path, field, image, 'is not a pinned image',
      'give a release tag or digest, e.g. "vllm/vllm-openai:v0.28.0" or "repo@sha256:<64 hex>"');
  }
}

/** A secret must be a SecretRef; a literal string is refused without printing it. */
export function validateSecretRef(path: string, field: string, value: unknown): void {
  if (value === undefined) return;
  if (typeof value === 'string') {
    throw new ValidationError(path, field, new Redacted(value.length), 'is a literal; secrets are only accepted by reference',
      'store it in a Kubernetes Secret and pass SecretRef.of(secretName, key)');
  }
  if (!SecretRef.isSecretRef(value)) {
    throw new ValidationError(path, field, typeof value, 'is not a SecretRef', 'pass SecretRef.of(secretName, key)');
  }
  refuseCredential(path, `${field}.name`, value.name, 'the name of the Secret');
  refuseCredential(path, `${field}.key`, value.key, 'the key inside the Secret');
  if (typeof value.name !== 'string' || (!isDnsLabel(value.name, 253) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value.name))) {
    throw new ValidationError(path, `${field}.name`, value.name, 'is not a valid Secret name', 'use a lower-case DNS name');
  }
  if (typeof value.key !== 'string' || !/^[-._a-zA-Z0-9]+$/.test(value.key)) {
    throw new ValidationError(path, `${field}.key`, value.key, 'is not a valid Secret key', 'use letters, digits, "-", "_" or "."');
  }
}

/** GPUs: a whole number within [min, 64]. */
export function validateGpus(path: string, gpus: number, min: number, construct: string): void {
  if (!Number.isInteger(gpus) || gpus < min || gpus > 64) {
    const fix = min > 0
      ? `${construct} needs at least ${min} whole GPU; give an integer from ${min} to 64 (use a MIG node pool for a fraction of a GPU)`
      : 'give a whole number from 0 to 64 (use a MIG node pool for a fraction of a GPU)';
    throw new ValidationError(path, 'gpus', gpus, 'is not a valid GPU count', fix);
  }
}

/** A whole number from `min` to `max` (a Kubernetes int32 unless said otherwise). */
export function validateCount(path: string, field: string, n: number, min: number, max: number = INT32_MAX): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError(path, field, n, `is not a whole number ≥ ${min} and ≤ ${max}`, `give an integer from ${min} to ${max}`);
  }
}

/** The serving mode must be one of ServingMode. */
export function validateMode(path: string, mode: unknown): void {
  if (!Object.values(ServingMode).includes(mode as ServingMode)) {
    throw new ValidationError(path, 'mode', mode, 'is not a ServingMode',
      `use one of ${Object.values(ServingMode).map(m => `ServingMode.${m}`).join(', ')}`);
  }
}

/**
 * extraArgs may not set a locked flag of the engine (one the construct owns, a forbidden switch, a
 * flag that carries a credential), whole or abbreviated as the engine's parser would read it (see
 * `engines/locks.ts`), nor hold a credential. What KServe's runtime drops is checked by `validateKServeRuntimeArgs`.
 */
export function validateExtraArgs(path: string, engine: Engine, args: readonly string[]): void {
  const list = requireArray(path, 'extraArgs', args, 'one string per flag: ["<flag>=<value>"]');
  list.forEach((arg, i) => {
    const field = `extraArgs[${i}]`;
    if (typeof arg !== 'string' || /[\n\0]/.test(arg)) {
      throw new ValidationError(path, field, arg, 'is not a single-line string', 'pass each flag with its value as one single-line string');
    }
    refuseCredentialValue(path, field, arg);
  });
  const module = moduleOf(engine);
  const locks = module
    ? flagLocks(module, engine)
    : Object.entries(engine.ownedFlags).map(([flag, prop]) => ({ flag, kind: 'owned' as const, prop }));
  for (const hit of flagLockHits(list, locks)) {
    const field = `extraArgs[${hit.index}]`;
    const lock = hit.locks[0];
    const reads = hit.flags.length > 1
      ? `is an ambiguous abbreviation of ${hit.flags.join(', ')} (the engine refuses it)`
      : hit.abbreviated ? `is read by the engine as ${lock.flag}` : `sets ${lock.flag}`;
    // a secret flag's value is never shown, whatever its shape
    const shown = lock.kind === 'secret' ? new Redacted(hit.arg.length) : hit.arg;
    if (lock.kind === 'secret') {
      throw new ValidationError(path, field, shown, `${reads}, which ${lock.why}`, 'pass credentials as SecretRef props (apiKey, hfToken)');
    }
    if (lock.kind === 'forbidden') throw new ValidationError(path, field, shown, `${reads}, which is refused because it ${lock.why}`, 'remove it');
    throw new ValidationError(path, field, shown, `${reads}, which the construct owns`,
      lock.prop ? `use the ${lock.prop} prop instead` : 'remove it; the construct sets this flag itself');
  }
}

/** User env: plain values only, no names the construct sets, no token-like names, no unsafe switches. */
export function validateEnv(path: string, env: Readonly<Record<string, string>>, managed: ReadonlySet<string>): void {
  if (typeof env !== 'object' || env === null || Array.isArray(env)) {
    throw new ValidationError(path, 'env', Array.isArray(env) ? 'an array' : env, 'is not a map of names to values', 'give env as { NAME: "value" }');
  }
  for (const [name, value] of Object.entries(env)) {
    const field = `env.${name}`;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new ValidationError(path, field, name, 'is not a valid environment variable name', 'use letters, digits and "_"');
    }
    if (typeof value !== 'string') {
      throw new ValidationError(path, field, value, 'is not a string', 'give environment values as strings');
    }
    if (SECRET_NAME.test(name)) {
      throw new ValidationError(path, field, new Redacted(value.length), 'looks like a secret given as a literal',
        'pass tokens as hfToken/apiKey with SecretRef.of(secretName, key)');
    }
    refuseCredentialValue(path, field, value);
    const lock = envLockFor(name);
    if (lock) throw new ValidationError(path, field, value, `is refused because it ${lock.why}`, 'remove it');
    if (managed.has(name)) {
      throw new ValidationError(path, field, value, 'is set by the construct', 'remove it, or use the prop that controls it');
    }
    const why = FORBIDDEN_ENV.get(name);
    if (why) {
      throw new ValidationError(path, field, value, `is refused because it ${why}`, 'remove it');
    }
  }
}
