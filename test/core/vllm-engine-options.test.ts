import { HuggingFaceModel, ServingMode } from '../../src';
import { renderVllmPredictor, VllmPredictorProps } from '../../src/core/vllm-predictor';
import { VLLM_DTYPES } from '../../src/core/vllm-engine-options';
import { podSpec, servingContainers } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps> = {}) => renderVllmPredictor({ model, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' });
const workload = (r: ReturnType<typeof render>) => r.objects.find(o => o.kind === 'InferenceService' || o.kind === 'Deployment') as any;
const server = (r: ReturnType<typeof render>) => servingContainers(workload(r))[0] as any;
const options = {
  dtype: 'bfloat16' as const, quantization: 'awq', maxModelLen: 8192, maxNumSeqs: 64, gpuMemoryUtilization: 0.85,
  enablePrefixCaching: false, chatTemplate: { name: 'chat-templates', key: 'qwen.jinja' },
};
const FLAGS = [
  '--max-model-len=8192', '--gpu-memory-utilization=0.85', '--dtype=bfloat16', '--quantization=awq', '--max-num-seqs=64',
  '--no-enable-prefix-caching', '--chat-template=/etc/hf-serving/chat-template/template.jinja',
];

describe.each(Object.values(ServingMode))('%s', mode => {
  const r = render({ mode, engineOptions: options });
  test('every option becomes its dash-spelled vLLM flag (KServe\'s runtime drops underscore spellings)', () => {
    const args: string[] = server(r).args;
    for (const f of FLAGS) expect(args).toContain(f);
    const names = args.map(a => a.split('=')[0]);
    expect(names.filter(n => n.includes('_') && /max|dtype|quant|prefix|chat|gpu/.test(n))).toEqual([]);
  });
  test('the chat template is mounted read-only from its ConfigMap key', () => {
    expect(podSpec(workload(r)).volumes).toContainEqual({ name: 'chat-template', configMap: { name: 'chat-templates', items: [{ key: 'qwen.jinja', path: 'template.jinja' }] } });
    expect(server(r).volumeMounts).toContainEqual({ name: 'chat-template', mountPath: '/etc/hf-serving/chat-template', readOnly: true });
  });
  test('each owned flag is refused in extraArgs, naming the option', () => {
    for (const [arg, prop] of [
      ['--dtype=half', 'engineOptions.dtype'], ['-q', 'engineOptions.quantization'], ['--max-num-seqs=8', 'engineOptions.maxNumSeqs'],
      ['--enable-prefix-caching', 'engineOptions.enablePrefixCaching'], ['--chat-template=/x', 'engineOptions.chatTemplate'],
      ['--max-model-len=1', 'engineOptions.maxModelLen'],
    ]) {
      expect(() => render({ mode, extraArgs: [arg] })).toThrow(`use the ${prop} prop instead`);
    }
  });
});

test('enablePrefixCaching true renders --enable-prefix-caching; unset options render nothing', () => {
  expect(server(render({ engineOptions: { enablePrefixCaching: true } })).args).toContain('--enable-prefix-caching');
  const args: string[] = server(render()).args;
  expect(args.some(a => /--(dtype|quantization|max-num-seqs|chat-template|enable-prefix|no-enable-prefix)/.test(a))).toBe(false);
});

test('the top-level maxModelLen and gpuMemoryUtilization still work, but not together with engineOptions', () => {
  expect(server(render({ maxModelLen: 4096 })).args).toContain('--max-model-len=4096');
  expect(() => render({ maxModelLen: 4096, engineOptions: { maxModelLen: 8192 } })).toThrow('serving/chat: maxModelLen 4096 is also given as engineOptions.maxModelLen; keep only engineOptions.maxModelLen');
});

test('dtype values are vLLM\'s ModelDType set', () => {
  expect([...VLLM_DTYPES]).toEqual(['auto', 'half', 'float16', 'bfloat16', 'float', 'float32']);
});

test.each([
  [{ dtype: 'fp16' }, 'engineOptions.dtype "fp16" is not a vLLM dtype; use one of auto, half, float16, bfloat16, float, float32'],
  [{ quantization: 'AWQ 4bit' }, 'engineOptions.quantization "AWQ 4bit" is not a quantization method name'],
  [{ maxModelLen: 0 }, 'engineOptions.maxModelLen 0 is not a positive integer'],
  [{ maxNumSeqs: 1.5 }, 'engineOptions.maxNumSeqs 1.5 is not a positive integer'],
  [{ gpuMemoryUtilization: 1.2 }, 'engineOptions.gpuMemoryUtilization 1.2 is not in (0, 1]'],
  [{ enablePrefixCaching: 'yes' }, 'engineOptions.enablePrefixCaching "yes" is not a boolean'],
  [{ chatTemplate: { name: 'Bad', key: 'x' } }, 'engineOptions.chatTemplate {"name":"Bad","key":"x"} is not a ConfigMap key reference'],
])('refuses %j', (o, message) => {
  expect(() => render({ engineOptions: o as never })).toThrow(`serving/chat: ${message}`);
});

test('a user volume cannot take the chat template\'s name or path', () => {
  expect(() => render({ engineOptions: { chatTemplate: { name: 't', key: 'k' } }, volumes: [{ name: 'chat-template', configMap: { name: 'x' } }] }))
    .toThrow('volumes[0].name "chat-template" is a volume the construct adds itself');
});
