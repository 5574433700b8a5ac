import { Engine, flagName, ForbiddenSwitch } from './engines/engine';
import { ENGINE_MODULES } from './engines/registry';
import { Redacted, ValidationError } from './errors';
import { isDnsLabel } from './labels';
import { SecretRef } from './secret-ref';
import { ServingMode } from './serving-mode';

const IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
const SECRET_NAME = /(secret|token|password|passwd|bearer|api[_-]?key|credential|private[_-]?key)/i;
/** A Hugging Face user or organization access token (`hf_` followed by letters and digits). */
const HUB_TOKEN_VALUE = /(^|[^A-Za-z0-9])hf_[A-Za-z0-9]{30,}/;
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
const FORBIDDEN_FLAGS = FORBIDDEN.filter(f => f.name.startsWith('-'));

/** Refuse `latest`, untagged and malformed image references. */
export function validateImage(path: string, field: string, image: string): void {
  const ok = typeof image === 'string' && IMAGE.test(image);
  const last = image.split('/').pop() ?? '';
  const tagged = last.includes(':') || image.includes('@sha256:');
  if (!ok || !tagged || /:latest(@|$)/.test(image)) {
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
  if (!isDnsLabel(value.name, 253) && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value.name)) {
    throw new ValidationError(path, `${field}.name`, value.name, 'is not a valid Secret name', 'use a lower-case DNS name');
  }
  if (!/^[-._a-zA-Z0-9]+$/.test(value.key)) {
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

/** A whole number ≥ min. */
export function validateCount(path: string, field: string, n: number, min: number): void {
  if (!Number.isInteger(n) || n < min) {
    throw new ValidationError(path, field, n, `is not a whole number ≥ ${min}`, `give an integer ≥ ${min}`);
  }
}

/** The serving mode must be one of ServingMode. */
export function validateMode(path: string, mode: unknown): void {
  if (!Object.values(ServingMode).includes(mode as ServingMode)) {
    throw new ValidationError(path, 'mode', mode, 'is not a ServingMode',
      `use one of ${Object.values(ServingMode).map(m => `ServingMode.${m}`).join(', ')}`);
  }
}

/** extraArgs may not carry flags the construct owns, forbidden switches, nor flags the engine drops silently. */
export function validateExtraArgs(path: string, engine: Engine, args: readonly string[]): void {
  args.forEach((arg, i) => {
    const field = `extraArgs[${i}]`;
    if (typeof arg !== 'string' || /[\n\0]/.test(arg)) {
      throw new ValidationError(path, field, arg, 'is not a single-line string', 'pass each flag with its value as one single-line string');
    }
    const flag = flagName(arg);
    if (flag === undefined) return;
    if (Object.prototype.hasOwnProperty.call(engine.ownedFlags, flag)) {
      const prop = engine.ownedFlags[flag];
      throw new ValidationError(path, field, arg, `sets ${flag}, which the construct owns`,
        prop ? `use the ${prop} prop instead` : 'remove it; the construct sets this flag itself');
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[i + 1];
    const forbidden = FORBIDDEN_FLAGS.find(f => f.name === flag && (!f.values || f.values.includes(value ?? '')));
    if (forbidden) throw new ValidationError(path, field, arg, `is refused because it ${forbidden.why}`, 'remove it');
    const rawName = arg.split('=')[0];
    const drops = engine.dropsUnderscoreFlags;
    if (drops && rawName.includes('_') && !drops.except.includes(rawName)) {
      throw new ValidationError(path, field, arg, 'is spelled with "_" and would be dropped silently by the KServe runtime',
        `spell it with dashes: "${rawName.replace(/_/g, '-')}${arg.slice(rawName.length)}"`);
    }
  });
}

/** User env: plain values only, no names the construct sets, no token-like names, no unsafe switches. */
export function validateEnv(path: string, env: Readonly<Record<string, string>>, managed: ReadonlySet<string>): void {
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
    if (HUB_TOKEN_VALUE.test(value)) {
      throw new ValidationError(path, field, new Redacted(value.length), 'holds what looks like a Hugging Face token',
        'pass the token as hfToken with SecretRef.of(secretName, key); it then reaches only the download step');
    }
    if (managed.has(name)) {
      throw new ValidationError(path, field, value, 'is set by the construct', 'remove it, or use the prop that controls it');
    }
    const why = FORBIDDEN_ENV.get(name);
    if (why) {
      throw new ValidationError(path, field, value, `is refused because it ${why}`, 'remove it');
    }
  }
}
