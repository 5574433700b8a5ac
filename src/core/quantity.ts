import { ValidationError } from './errors';

/**
 * Kubernetes quantity grammar (kubernetes/apimachinery `pkg/api/resource/quantity.go`):
 * `[+-]` then digits with an optional `.` (`1`, `1.5`, `1.`, `.5`), then one suffix: binary SI
 * (`Ki` … `Ei`), decimal SI (`n`, `u`, `m`, none, `k`, `M`, `G`, `T`, `P`, `E`) or a decimal
 * exponent (`e3`, `E-3`, `e+6`). No whitespace.
 */
const QUANTITY = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;
const BINARY: Readonly<Record<string, number>> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL: Readonly<Record<string, number>> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Kubernetes rounds up to 1n, and caps binary-SI values at the largest int64 (`maxAllowed`). */
const NANO = 9;
const MAX_ALLOWED = 2n ** 63n - 1n;

/**
 * Parse a Kubernetes quantity (`500m`, `8Gi`, `.5`, `1e3`, `+2Ei`) to a number, or undefined if
 * Kubernetes would refuse it. Like Kubernetes, the value is rounded up to a whole nano, and a
 * binary-SI value is capped at 2^63-1.
 */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(String(q));
  if (!m) return undefined;
  const [, sign, whole, fraction = '', suffix = ''] = m;
  if (whole === '' && fraction === '') return undefined;
  let mantissa = BigInt(`${whole}${fraction}` || '0');
  let exponent = -fraction.length;
  if (suffix in BINARY) mantissa *= 1024n ** BigInt(BINARY[suffix]);
  else exponent += suffix in DECIMAL ? DECIMAL[suffix] : Number(suffix.slice(1));
  // the value in nano units, rounded away from zero as Kubernetes does
  const shift = exponent + NANO;
  let nanos = shift >= 0 ? mantissa * 10n ** BigInt(shift) : ceilDiv(mantissa, 10n ** BigInt(-shift));
  if (suffix in BINARY && nanos > MAX_ALLOWED * 10n ** BigInt(NANO)) nanos = MAX_ALLOWED * 10n ** BigInt(NANO);
  const value = Number(nanos) / 10 ** NANO;
  return sign === '-' && value !== 0 ? -value : value;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** Validate a quantity and return its numeric value. */
export function requireQuantity(path: string, field: string, q: string, example: string): number {
  const v = typeof q === 'string' ? parseQuantity(q) : undefined;
  if (v === undefined || v <= 0) {
    throw new ValidationError(path, field, q, 'is not a positive Kubernetes quantity', `write it like "${example}"`);
  }
  return v;
}
