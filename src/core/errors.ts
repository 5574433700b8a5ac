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
    super(`${path}: ${field} ${describeValue(value)} ${problem}; ${fix}`);
    this.name = 'ValidationError';
    this.path = path;
    this.field = field;
    this.fix = fix;
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
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
