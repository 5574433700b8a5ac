import { parseQuantity, requireQuantity } from '../../src/core/quantity';

/**
 * The cases of Kubernetes' own quantity parser: kubernetes/apimachinery
 * `pkg/api/resource/quantity_test.go` (`TestQuantityParse`, read at commit 357557a6), as data.
 * Each valid case is `[input, mantissa, exponent]` for the expected value mantissa × 10^exponent
 * (upstream's `decQuantity(i, exponent, ...)`); binary values are written out.
 */
const KI = 1024;
const VALID: readonly (readonly [string, number, number])[] = [
  ['0', 0, 0], ['0n', 0, 0], ['0u', 0, 0], ['0m', 0, 0], ['0Ki', 0, 0], ['0k', 0, 0], ['0Mi', 0, 0], ['0M', 0, 0], ['0Gi', 0, 0],
  ['0G', 0, 0], ['0Ti', 0, 0], ['0T', 0, 0],
  ['1', 1, 0],
  ['1Ki', KI, 0], ['8Ki', 8 * KI, 0], ['7Mi', 7 * KI ** 2, 0], ['6Gi', 6 * KI ** 3, 0], ['5Ti', 5 * KI ** 4, 0], ['4Pi', 4 * KI ** 5, 0],
  ['3Ei', 3 * KI ** 6, 0], ['10Ti', 10 * KI ** 4, 0], ['100Ti', 100 * KI ** 4, 0],
  ['5n', 5, -9], ['4u', 4, -6], ['3m', 3, -3], ['9', 9, 0], ['8k', 8, 3], ['50k', 5, 4], ['7M', 7, 6], ['6G', 6, 9], ['5T', 5, 12],
  ['40T', 4, 13], ['300T', 3, 14], ['2P', 2, 15], ['1E', 1, 18],
  ['1E-3', 1, -3], ['1e3', 1, 3], ['1E6', 1, 6], ['1e9', 1, 9], ['1E12', 1, 12], ['1e15', 1, 15], ['1E18', 1, 18],
  ['1e14', 1, 14], ['1e13', 1, 13], ['100.035k', 100035, 0],
  ['0.001', 1, -3], ['0.0005k', 5, -1], ['0.005', 5, -3], ['0.05', 5, -2], ['0.5', 5, -1], ['0.00050k', 5, -1], ['0.00500', 5, -3],
  ['0.05000', 5, -2], ['0.50000', 5, -1], ['0.5e0', 5, -1], ['0.5e-1', 5, -2], ['0.5e-2', 5, -3], ['10.035M', 10035, 3],
  ['1.2e3', 12, 2], ['1.3E+6', 13, 5], ['1.40e9', 14, 8], ['1.53E12', 153, 10], ['1.6e15', 16, 14], ['1.7E18', 17, 17],
  ['9.01', 901, -2], ['8.1k', 81, 2], ['7.123456M', 7123456, 0], ['6.987654321G', 6987654321, 0], ['5.444T', 5444, 9],
  ['40.1T', 401, 11], ['300.2T', 3002, 11], ['2.5P', 25, 14], ['1.01E', 101, 16],
  // rounding up to a whole nano, saturating at the largest int64
  ['3.001n', 4, -9], ['1.1E-9', 2, -9], ['0.0000000001', 1, -9], ['0.0000000005', 1, -9], ['0.00000000050', 1, -9], ['0.5e-9', 1, -9],
  ['0.9n', 1, -9], ['0.00000012345', 124, -9], ['0.00000012354', 124, -9], ['9Ei', 2 ** 63 - 1, 0], ['9223372036854775807Ki', 2 ** 63 - 1, 0],
  ['12E', 12, 18],
  ['100.035Ki', 10243584, -2], ['0.5Mi', 0.5 * KI ** 2, 0], ['0.05Gi', 536870912, -1], ['0.025Ti', 274877906944, -1],
  ['0.000000000001Ki', 2, -9], ['.001', 1, -3], ['.0001k', 100, -3], ['1.', 1, 0], ['1.G', 1, 9],
];
/** Upstream's invalid inputs, and the empty string. */
const INVALID = ['', '1.1.M', '1+1.0M', '0.1mi', '0.1am', 'aoeu', '.5i', '1i', '-3.01i', '-3.01e-', ' 1', '1 '];

const close = (a: number | undefined, b: number) => a !== undefined && Math.abs(a - b) <= Math.abs(b) * 1e-12;

test.each(VALID)('%s is the quantity Kubernetes parses', (input, mantissa, exponent) => {
  const want = mantissa * 10 ** exponent;
  expect(close(parseQuantity(input), want)).toBe(true);
  expect(close(parseQuantity(`+${input}`), want)).toBe(true);
  expect(close(parseQuantity(`-${input}`), -want)).toBe(true);
});

test.each(INVALID)('%j is refused as Kubernetes refuses it', input => {
  expect(parseQuantity(input)).toBeUndefined();
});

test('requireQuantity accepts every positive form and refuses zero, negatives and garbage', () => {
  for (const q of ['.5', '1e3', '2Ei', '+1', '500m', '1.5Gi']) expect(requireQuantity('p', 'resources.cpu', q, '4')).toBeGreaterThan(0);
  for (const q of ['0', '-1', '1 ', 'abc']) expect(() => requireQuantity('p', 'resources.cpu', q, '4')).toThrow('is not a positive Kubernetes quantity');
});
