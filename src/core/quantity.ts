import { ValidationError } from './errors';

const SUFFIX: Record<string, number> = {
  '': 1, 'm': 1e-3, 'k': 1e3, 'M': 1e6, 'G': 1e9, 'T': 1e12, 'P': 1e15,
  'Ki': 2 ** 10, 'Mi': 2 ** 20, 'Gi': 2 ** 30, 'Ti': 2 ** 40, 'Pi': 2 ** 50,
};
const QUANTITY = /^([0-9]+(?:\.[0-9]+)?)(m|k|M|G|T|P|Ki|Mi|Gi|Ti|Pi)?$/;

/** Parse a Kubernetes quantity (`500m`, `8Gi`, `2`) to a number, or undefined if malformed. */
export function parseQuantity(q: string): number | undefined {
  const m = QUANTITY.exec(String(q));
  if (!m) return undefined;
  return Number(m[1]) * SUFFIX[m[2] ?? ''];
}

/** Validate a quantity and return its numeric value. */
export function requireQuantity(path: string, field: string, q: string, example: string): number {
  const v = typeof q === 'string' ? parseQuantity(q) : undefined;
  if (v === undefined || v <= 0) {
    throw new ValidationError(path, field, q, 'is not a positive Kubernetes quantity', `write it like "${example}"`);
  }
  return v;
}
