import { checkManifests } from '../../../src/core/policy';
import { globMatch, regexFullMatch, StepCounter } from '../../../src/core/policy/patterns';
import { BASE_NAMES, BASES, Obj } from './fixtures';

describe('pattern matchers are linear', () => {
  test('globs: many stars against a text that does not match take at most pattern × text steps', () => {
    const pattern = `${'*a'.repeat(500)}b`;
    const text = 'a'.repeat(2000);
    const counter: StepCounter = { steps: 0 };
    expect(globMatch(pattern, text, counter)).toBe(false);
    expect(counter.steps).toBeLessThanOrEqual(pattern.length * text.length);
  });

  test.each([
    ['*.safetensors', 'model.safetensors', true],
    ['*.bin', 'pytorch_model.bin', true],
    ['model-?????-of-*.safetensors', 'model-00001-of-00002.safetensors', true],
    ['[!p]*', 'pytorch_model.bin', false],
    ['tokenizer*', 'tokenizer.json', true],
    ['*.json', 'model.pt', false],
    ['[', '[', true],
  ])('glob %s vs %s → %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text)).toBe(expected);
  });

  test('regexes: (.*)*z, nested stars and alternations take at most a fixed multiple of pattern × text steps', () => {
    const text = 'a'.repeat(5000);
    for (const regex of ['(.*)*z', '(a*)*b', '(a|aa)*c', '(a|a)*b', '((a+)+)+b', `${'(a?)'.repeat(50)}${'a'.repeat(50)}x`]) {
      const counter: StepCounter = { steps: 0 };
      expect(regexFullMatch(regex, text, counter)).toBe(false);
      expect(counter.steps).toBeLessThanOrEqual(20 * regex.length * text.length);
    }
  });

  test.each([
    ['https://models\\.example\\.com/.*\\.mar', 'https://models.example.com/resnet.mar', true],
    ['https://models\\.example\\.com/.*\\.mar', 'https://attacker.invalid/model.mar', false],
    ['file:///mnt/models/.*', 'file:///etc/passwd', false],
    ['(?i).*(TOKEN|SECRET).*', 'hf_token', true],
    ['[a-z]{2,3}\\d+', 'ab12', true],
    ['[a-z]{2,3}\\d+', 'abcd12', false],
    ['^https?://[^/]+/x$', 'http://h/x', true],
    ['a+?b', 'aab', true],
  ])('regex %s vs %s → %s', (regex, text, expected) => {
    expect(regexFullMatch(regex, text)).toBe(expected);
  });

  test.each(['(a)\\1', '(?=a)a', 'a*+', 'a{1000}', 'x^y'])('%s is outside the evaluable part: undefined', regex => {
    expect(regexFullMatch(regex, 'a')).toBeUndefined();
  });
});

describe('checkManifests is total on hostile input', () => {
  const cyclic: Obj = { kind: 'Deployment', metadata: { name: 'c' }, spec: { template: { spec: { containers: [{ name: 'x', image: 'vllm/vllm-openai:v0.28.0' }] } } } };
  cyclic.spec.template.spec.containers[0].readinessProbe = cyclic;
  cyclic.spec.template.spec.containers[0].livenessProbe = cyclic;
  let deep: Obj = {};
  for (let i = 0; i < 50000; i++) deep = { spec: deep };

  const torchserve = (allowed: string) => {
    const objs = BASES.torchserve();
    const cm = objs.find(o => o.kind === 'ConfigMap')!;
    cm.data['config.properties'] = String(cm.data['config.properties']).replace(/allowed_urls=.*/, `allowed_urls=${allowed}`);
    return objs;
  };
  const allowPatterns = (patterns: string) => {
    const objs = BASES.job();
    for (const o of objs) {
      for (const c of o.spec?.template?.spec?.containers ?? []) {
        if (Array.isArray(c.env)) c.env = c.env.map((e: Obj) => (e.name === 'STORAGE_ALLOW_PATTERNS' ? { ...e, value: patterns } : e));
      }
    }
    return objs;
  };

  const HOSTILE: readonly { what: string; make: () => unknown[]; options?: unknown }[] = [
    { what: 'allowed_urls (.*)*z', make: () => torchserve(`${'(.*)*'.repeat(20)}z`) },
    { what: 'allowed_urls of nested groups', make: () => torchserve(`${'('.repeat(150)}a${')*'.repeat(150)}`) },
    { what: 'allow pattern of many stars', make: () => allowPatterns(JSON.stringify([`${'*a'.repeat(3000)}b`])) },
    { what: 'null selector entries', make: () => [{ kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'ml-serving' }, spec: { podSelector: { matchExpressions: [null, 7, { key: null }] }, ingress: [null] } }, ...BASES.deployment()] },
    { what: 'null everywhere', make: () => [null, { kind: null }, { kind: 'Deployment', spec: null }, { kind: 'Pod', spec: { containers: [null] } }] },
    { what: 'cyclic object', make: () => [cyclic] },
    { what: 'very deep object', make: () => [{ kind: 'Deployment', metadata: { name: 'd' }, spec: deep }, deep] },
    { what: 'options: null', make: () => BASES.deployment(), options: null },
    { what: 'huge argument list', make: () => { const o = BASES.deployment(); o[1].spec.template.spec.containers[0].args = Array.from({ length: 20000 }, (_, i) => `--t${i % 7}`); return o; } },
  ];

  test.each(HOSTILE)('$what: findings, no exception', ({ make, options }) => {
    const findings = checkManifests(make() as any[], options as any);
    expect(Array.isArray(findings)).toBe(true);
  });

  test('an allowed_urls regex the check cannot evaluate counts as admitting any URL', () => {
    const findings = checkManifests(torchserve('(a)\\1'));
    expect(findings.some(f => f.id === 'M10' && /cannot evaluate/.test(f.message))).toBe(true);
  });

  test('every base still passes unchanged', () => {
    for (const b of BASE_NAMES) expect(checkManifests(BASES[b]()).filter(f => f.severity === 'error')).toEqual([]);
  });
});
