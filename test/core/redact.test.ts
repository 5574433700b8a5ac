import { credentialShapes, looksLikeCredential, redactCredentials } from '../../src/core/redact';
import { ValidationError } from '../../src/core/errors';

/** Credential-shaped samples (none is a real credential). */
export const CREDENTIAL_SAMPLES: readonly string[] = [
  'hf_abcdefghijklmnopqrstuvwxyz0123456789',
  'sk-proj-AbCdEfGhIjKlMnOpQrStUv0123456789',
  'sk-0123456789abcdefABCDEF',
  'ghp_0123456789abcdefghijABCDEFGHIJ012345',
  'AKIAIOSFODNN7EXAMPLE',
  'xoxb-0123456789-abcdefghij',
  'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----',
  '---BEGIN RSA PRIVATE KEY---MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  'Zm9vYmFyQmF6UXV4MTIzNDU2Nzg5MGFiY2RlZkdISUpLTE1O',
];

/** Public identifiers that must stay readable in messages. */
const NOT_CREDENTIALS = [
  '9cbb1610be271fd06576e7e00f60e75612d53a4d',
  'repo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  'Qwen/Qwen2.5-7B-Instruct',
  '/var/cache/huggingface/hub/models--Qwen--Qwen2.5-0.5B-Instruct',
  'serving/falcon-7b-instruct-predictor-default-00001-deployment',
  'vllm/vllm-openai:v0.28.0',
  'hf://BAAI/bge-small-en-v1.5:5c38ec7c405ec4b44b94cc5a9bb96e735b38267a',
  'sk-short',
];

describe('credential shapes', () => {
  test.each(CREDENTIAL_SAMPLES)('%s is a credential and is redacted whole', s => {
    expect(looksLikeCredential(s)).toBe(true);
    expect(credentialShapes(s).length).toBeGreaterThan(0);
    const out = redactCredentials(`before ${JSON.stringify(s)} after`);
    expect(out).toMatch(/^before .*<redacted \d+ characters>.* after$/);
    expect(looksLikeCredential(out)).toBe(false);
  });

  test.each(NOT_CREDENTIALS)('%s is not', s => {
    expect(looksLikeCredential(s)).toBe(false);
    expect(redactCredentials(s)).toBe(s);
  });

  test('redaction is linear: a long hostile text is handled in one pass', () => {
    const text = `${'---BEGIN A---'.repeat(5000)}${'a'.repeat(100000)}`;
    expect(typeof redactCredentials(text)).toBe('string');
  });
});

describe('ValidationError redacts every part of its message', () => {
  test.each(CREDENTIAL_SAMPLES)('%s in value, field and fix', s => {
    const e = new ValidationError(`serving/${s}`, `env.${s}`, { nested: [s] }, `mentions ${s}`, `remove ${s}`);
    expect(looksLikeCredential(e.message)).toBe(false);
    expect(looksLikeCredential(e.field)).toBe(false);
    expect(looksLikeCredential(e.fix)).toBe(false);
  });

  test('cyclic, deep and huge values are described without throwing', () => {
    const cyclic: any = { a: 1 };
    cyclic.self = cyclic;
    let deep: any = {};
    for (let i = 0; i < 100000; i++) deep = { d: deep };
    expect(new ValidationError('p', 'f', cyclic, 'is bad', 'fix').message).toContain('(object)');
    expect(new ValidationError('p', 'f', deep, 'is bad', 'fix').message).toContain('p: f');
    expect(new ValidationError('p', 'f', 'x'.repeat(10000), 'is bad', 'fix').message.length).toBeLessThan(400);
  });
});
