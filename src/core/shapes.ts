import { ValidationError } from './errors';

/** Largest value of a Kubernetes `int32` field (replicas, timeouts, probe thresholds). */
export const INT32_MAX = 2147483647;

/** True for a plain object (not null, not an array). */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** What a value is, for "is not a list" messages (never the value itself, which may be large). */
export function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : typeof x;
}

/** Refuse anything but an array (a string where a list belongs, null, an object). */
export function requireArray(path: string, field: string, x: unknown, example: string): readonly unknown[] {
  if (!Array.isArray(x)) throw new ValidationError(path, field, kindOf(x), 'is not a list', `give a list, e.g. ${example}`);
  return x;
}

/** Refuse anything but a plain object whose values are strings. */
export function requireStringMap(path: string, field: string, x: unknown, example: string): Readonly<Record<string, string>> {
  if (!isRecord(x)) throw new ValidationError(path, field, kindOf(x), 'is not a map of strings', `give e.g. ${example}`);
  for (const [k, v] of Object.entries(x)) {
    if (typeof v !== 'string') throw new ValidationError(path, `${field}.${k}`, v, 'is not a string', `give e.g. ${example}`);
  }
  return x as Record<string, string>;
}

/** Refuse anything but `true` or `false`. */
export function requireBoolean(path: string, field: string, x: unknown): boolean {
  if (typeof x !== 'boolean') throw new ValidationError(path, field, x, 'is not a boolean', 'give true or false');
  return x;
}
