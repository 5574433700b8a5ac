import { isMovingTag, validateCount, validateImage, validateSecretRef } from '../../src/core/validate';
import { SecretRef } from '../../src/core/secret-ref';
import { ValidationError } from '../../src/core/errors';
import { looksLikeCredential } from '../../src/core/redact';
import { renderHubTokenExternalSecret } from '../../src/core/hub-token-external-secret';

describe('image tags', () => {
  test.each(['repo:latest', 'repo:LATEST', 'repo:Latest', 'repo:nightly', 'repo:main', 'repo:dev', 'repo:cpu-latest', 'repo:latest-gpu', 'repo:stable', 'repo', 'ghcr.io/a/b:edge'])('%s is refused', image => {
    expect(() => validateImage('s/m', 'image', image)).toThrow(ValidationError);
  });

  test.each(['repo:v0.28.0', 'repo:0.12.0-cpu', 'repo:cpu-1.9.3', 'repo:nightly-20251130', 'repo:latest@sha256:' + 'a'.repeat(64), 'repo@sha256:' + 'b'.repeat(64)])('%s is accepted', image => {
    expect(() => validateImage('s/m', 'image', image)).not.toThrow();
  });

  test('moving words', () => {
    expect(isMovingTag('MAIN')).toBe(true);
    expect(isMovingTag('v1.2.3')).toBe(false);
  });
});

describe('counts are Kubernetes int32 values', () => {
  test.each([1e10, 2 ** 31, Infinity, NaN, 1.5, -1, '3' as unknown as number, null as unknown as number])('%p is refused', n => {
    expect(() => validateCount('s/m', 'replicas', n, 0)).toThrow(ValidationError);
  });

  test('2^31-1 is the largest accepted', () => {
    expect(() => validateCount('s/m', 'replicas', 2 ** 31 - 1, 0)).not.toThrow();
  });
});

describe('names that are credentials are refused, never printed', () => {
  const token = 'hf_abcdefghijklmnopqrstuvwxyz0123456789';
  test.each([
    ['Secret name', () => validateSecretRef('s/m', 'hfToken', SecretRef.of(token, 'token'))],
    ['Secret key', () => validateSecretRef('s/m', 'hfToken', SecretRef.of('hf-secret', token))],
    ['ExternalSecret remote key', () => renderHubTokenExternalSecret({ storeName: 'vault', remoteKey: token }, { path: 's/t', name: 't', namespace: 'ml' })],
    ['ExternalSecret property', () => renderHubTokenExternalSecret({ storeName: 'vault', remoteKey: 'hf/token', remoteProperty: token }, { path: 's/t', name: 't', namespace: 'ml' })],
  ])('%s', (_what, fn) => {
    let message = '';
    try { fn(); } catch (e) { expect(ValidationError.isValidationError(e)).toBe(true); message = (e as Error).message; }
    expect(message).toMatch(/looks like a credential/);
    expect(looksLikeCredential(message)).toBe(false);
  });
});
