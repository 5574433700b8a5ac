import { flagToken, flagValuesAs, foldFlag, isOptionArg, lockedFlagsSelected, lockedFlagUses } from '../../../src/core/engines/cli-flags';

const ARGPARSE = { parser: 'argparse' } as const;
const CLAP = { parser: 'clap' } as const;
const CLICK = { parser: 'click' } as const;
const VLLM_LOCKS = ['--trust-remote-code', '--load-format', '--tensor-parallel-size', '--tokenizer-revision', '--api-key', '--config', '-tp'];

describe('flag tokens', () => {
  test('options, values, negative numbers and separators', () => {
    expect(isOptionArg('--x')).toBe(true);
    expect(isOptionArg('-p')).toBe(true);
    expect(isOptionArg('value')).toBe(false);
    expect(isOptionArg('-1')).toBe(false);
    expect(isOptionArg('-.5')).toBe(false);
    expect(isOptionArg('--')).toBe(false);
    expect(isOptionArg('-')).toBe(false);
  });

  test('names fold case and underscores; = splits the value; vLLM JSON keys belong to their flag', () => {
    expect(flagToken(ARGPARSE, '--Trust_Remote_Code')).toEqual({ name: '--trust-remote-code' });
    expect(flagToken(ARGPARSE, '--load-format=pt')).toEqual({ name: '--load-format', attached: 'pt' });
    expect(flagToken(ARGPARSE, '--hf-overrides.rope_scaling.type=x')).toEqual({ name: '--hf-overrides', attached: 'x' });
    expect(flagToken(ARGPARSE, '--hf-overrides.list+')).toEqual({ name: '--hf-overrides' });
    expect(flagToken(CLAP, '--a.b')).toEqual({ name: '--a.b' });
    expect(foldFlag('--A_b')).toBe('--a-b');
  });
});

describe('argparse (vLLM, KServe runtime, TorchServe)', () => {
  test('every unambiguous prefix of a locked flag selects it', () => {
    for (const flag of ['--trust-remote-code', '--load-format', '--tensor-parallel-size']) {
      for (let n = 3; n <= flag.length; n++) {
        const prefix = flag.slice(0, n);
        const hits = lockedFlagsSelected(ARGPARSE, prefix, VLLM_LOCKS);
        expect(hits).toContain(flag);
      }
    }
  });

  test('an ambiguous prefix is refused too (argparse errors on it)', () => {
    expect(lockedFlagsSelected(ARGPARSE, '--t', VLLM_LOCKS).sort()).toEqual(['--tensor-parallel-size', '--tokenizer-revision', '--trust-remote-code']);
  });

  test('an engine flag that is a prefix of a locked flag is itself when given whole', () => {
    expect(lockedFlagsSelected(ARGPARSE, '--tokenizer', VLLM_LOCKS, ['--tokenizer'])).toEqual([]);
    expect(lockedFlagsSelected(ARGPARSE, '--tokenizer-r', VLLM_LOCKS, ['--tokenizer'])).toEqual(['--tokenizer-revision']);
  });

  test('flags that are not prefixes pass; `--` alone is not an option', () => {
    expect(lockedFlagsSelected(ARGPARSE, '--max-num-seqs', VLLM_LOCKS)).toEqual([]);
    expect(lockedFlagsSelected(ARGPARSE, '--trust-remote-code-x', VLLM_LOCKS)).toEqual([]);
    expect(lockedFlagUses(ARGPARSE, ['--', 'x'], VLLM_LOCKS)).toEqual([]);
  });

  test('single-dash options: exact, shortened, and one-letter options with an attached value', () => {
    expect(lockedFlagsSelected(ARGPARSE, '-tp', VLLM_LOCKS)).toEqual(['-tp']);
    expect(lockedFlagsSelected(ARGPARSE, '-t', VLLM_LOCKS)).toEqual(['-tp']);
    expect(lockedFlagsSelected(CLAP, '-p8000', ['-p', '--port'])).toEqual(['-p']);
  });

  test('allowAbbrev false turns prefixes off', () => {
    expect(lockedFlagsSelected({ parser: 'argparse', allowAbbrev: false }, '--trust-remote', VLLM_LOCKS)).toEqual([]);
  });

  test('uses carry the value, attached or separate, and underscores are folded', () => {
    const uses = lockedFlagUses(ARGPARSE, ['--max-num-seqs=8', '--api-k', 'secret', '--load_form=pt', '--trust-remote'], VLLM_LOCKS);
    expect(uses).toEqual([
      { index: 1, arg: '--api-k', flags: ['--api-key'], value: 'secret' },
      { index: 3, arg: '--load_form=pt', flags: ['--load-format'], value: 'pt' },
      { index: 4, arg: '--trust-remote', flags: ['--trust-remote-code'] },
    ]);
  });

  test('values are read as the engine reads them (prefixes, both spellings), in order', () => {
    expect(flagValuesAs(ARGPARSE, ['--load-format', 'safetensors', '--load-form=pt'], '--load-format')).toEqual(['safetensors', 'pt']);
    expect(flagValuesAs(ARGPARSE, ['--trust-remote'], '--trust-remote-code')).toEqual(['']);
    expect(flagValuesAs(ARGPARSE, ['--x', 1, null], '--x')).toEqual(['']);
  });
});

describe('click (Infinity) and clap (TEI): exact names only', () => {
  test.each([CLICK, CLAP])('%p', syntax => {
    expect(lockedFlagsSelected(syntax, '--trust-remote', VLLM_LOCKS)).toEqual([]);
    expect(lockedFlagsSelected(syntax, '--trust-remote-code', VLLM_LOCKS)).toEqual(['--trust-remote-code']);
    expect(lockedFlagUses(syntax, ['--Trust_Remote_Code'], VLLM_LOCKS)[0].flags).toEqual(['--trust-remote-code']);
  });
});
