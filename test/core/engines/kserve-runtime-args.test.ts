import { HuggingFaceModel, renderVllmPredictor, SecretRef, ServingMode, ValidationError, VllmPredictorProps } from '../../../src/core';
import { servingContainers } from '../../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml' });
const server = (p: Partial<VllmPredictorProps> = {}) => {
  const w = render(p).objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment')!;
  return servingContainers(w)[0];
};

test('the fallback fails loudly by default (allowHuggingFaceFallback defaults to false)', () => {
  expect(server({ mode: ServingMode.KSERVE }).startupProbe!.exec!.command[2]).toContain('KServe fell back to its Hugging Face backend');
  const explicit = server({ mode: ServingMode.KSERVE, allowHuggingFaceFallback: false });
  expect(explicit.startupProbe).toEqual(server({ mode: ServingMode.KSERVE }).startupProbe);
});

describe.each([ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS])('KServe runtime with --backend=vllm, %s mode', mode => {
  test('the startup probe checks the vLLM backend was loaded, within the startup budget', () => {
    const c = server({ mode });
    expect(c.startupProbe!.exec!.command.slice(0, 2)).toEqual(['python3', '-c']);
    expect(c.startupProbe!.exec!.command[2]).toContain('vllm:num_requests_waiting');
    expect(c.startupProbe!.exec!.command.slice(3)).toEqual(['8080', 'chat']);
    expect(c.startupProbe!.periodSeconds! * c.startupProbe!.failureThreshold!).toBe(1800);
    expect(c.readinessProbe!.httpGet).toEqual({ path: '/v1/models/chat', port: 8080 });
    expect(c.livenessProbe!.httpGet).toEqual({ path: '/', port: 8080 });
  });

  test('allowHuggingFaceFallback: true gives the check up (plain HTTP startup probe)', () => {
    expect(server({ mode, allowHuggingFaceFallback: true }).startupProbe!.httpGet).toEqual({ path: '/v1/models/chat', port: 8080 });
  });

  test('--disable-log-stats (or a prefix) is refused while the check is on, accepted without it', () => {
    for (const arg of ['--disable-log-stats', '--disable-log-st']) {
      expect(() => render({ mode, extraArgs: [arg] })).toThrow(ValidationError);
      expect(() => render({ mode, extraArgs: [arg] })).toThrow('allowHuggingFaceFallback: true');
    }
    expect(() => render({ mode, extraArgs: ['--disable-log-stats'], allowHuggingFaceFallback: true })).not.toThrow();
  });

  test('a flag only the Hugging Face backend registers is refused with its fix', () => {
    expect(() => render({ mode, extraArgs: ['--max_log_len=200'] })).toThrow('serving/chat: extraArgs[0] "--max_log_len=200" is --max_log_len');
    expect(() => render({ mode, extraArgs: ['--max_log_len=200'] })).toThrow('spell it "--max-log-len"');
    expect(() => render({ mode, extraArgs: ['--max-log-len=200'] })).not.toThrow();
  });
});

test('the upstream vLLM server (DEPLOYMENT, or apiKey) has no fallback and keeps its HTTP startup probe', () => {
  expect(server({ mode: ServingMode.DEPLOYMENT }).startupProbe!.httpGet).toBeDefined();
  expect(server({ mode: ServingMode.KSERVE, apiKey: SecretRef.of('k', 'key') }).startupProbe!.httpGet).toBeDefined();
  expect(() => render({ mode: ServingMode.DEPLOYMENT, extraArgs: ['--disable-log-stats'] })).not.toThrow();
});

test('allowHuggingFaceFallback must be a boolean', () => {
  expect(() => render({ allowHuggingFaceFallback: 'yes' as unknown as boolean }))
    .toThrow('serving/chat: allowHuggingFaceFallback "yes" is not a boolean; give true or false');
});
