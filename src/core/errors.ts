import { looksLikeCredential, redactCredentials } from './redact';

/** Longest rendering of a bad value in a message; longer values are cut (their length is given). */
const MAX_VALUE_CHARS = 200;

/**
 * The error every construct throws for bad input, before anything is synthesized.
 *
 * The message names the construct path, the field, the bad value and the fix:
 * `serving/falcon-7b: model.revision "main" is not a pinned commit; <fix>`.
 */
export class ValidationError extends Error {
  /** Marks the class so `ValidationError.isValidationError` works across package copies. */
  private static readonly MARKER = Symbol.for('hf-serving-constructs.ValidationError');

  /** True if `x` is a ValidationError (also from another copy of this package). */
  public static isValidationError(x: unknown): x is ValidationError {
    return typeof x === 'object' && x !== null && (x as Record<symbol, unknown>)[ValidationError.MARKER] === true;
  }

  /** Construct path, e.g. `serving/falcon-7b`. */
  public readonly path: string;
  /** The offending field, e.g. `model.revision`. */
  public readonly field: string;
  /** How to fix it. */
  public readonly fix: string;

  constructor(path: string, field: string, value: unknown, problem: string, fix: string) {
    // every part is redacted: a credential may hide in the value, the field (an env name) or the fix
    super(redactCredentials(`${path}: ${field} ${describeValue(value)} ${problem}; ${fix}`));
    this.name = 'ValidationError';
    this.path = redactCredentials(String(path));
    this.field = redactCredentials(String(field));
    this.fix = redactCredentials(String(fix));
    Object.defineProperty(this, ValidationError.MARKER, { value: true });
  }
}

/** A value that must never be printed (a token given as a literal). */
export class Redacted {
  constructor(
    /** Length of the hidden value. */
    public readonly length: number,
  ) {}
}

function describeValue(value: unknown): string {
  if (value instanceof Redacted) return `<redacted string of ${value.length} characters>`;
  if (value === undefined) return '(unset)';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // cyclic or too deep to print
    text = `(${Array.isArray(value) ? 'array' : typeof value})`;
  }
  // redact before cutting, so a cut never leaves part of a credential behind
  const safe = redactCredentials(text);
  return safe.length > MAX_VALUE_CHARS ? `${safe.slice(0, MAX_VALUE_CHARS)}… (${safe.length} characters)` : safe;
}

/**
 * Refuse a name that is shaped like a credential (a token pasted where a Secret name, key or
 * store path belongs): it would land in the manifest. The message never quotes it.
 */
export function refuseCredential(path: string, field: string, value: unknown, what: string): void {
  if (typeof value === 'string' && looksLikeCredential(value)) {
    throw new ValidationError(path, field, new Redacted(value.length), 'looks like a credential, not a name',
      `give ${what}; keep the credential itself in the Secret or the store`);
  }
}
