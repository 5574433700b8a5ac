import { envLockFor, PROCESS_ENV_LOCKS, prefixReachesLock, validateEnvFrom } from '../../src/core/env-lock';
import { ValidationError } from '../../src/core/errors';

describe('process-level env locks', () => {
  test.each(['LD_PRELOAD', 'LD_LIBRARY_PATH', 'LD_AUDIT', 'PYTHONPATH', 'PYTHONHOME', 'PYTHONSTARTUP', 'PYTHONWARNINGS', 'PYTHONBREAKPOINT', 'JAVA_TOOL_OPTIONS', '_JAVA_OPTIONS', 'JDK_JAVA_OPTIONS', 'CLASSPATH', 'HF_ENDPOINT'])('%s is locked', name => {
    expect(envLockFor(name)).toBeDefined();
  });

  test.each(['PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE', 'LOG_LEVEL', 'OMP_NUM_THREADS', 'NCCL_DEBUG'])('%s is not', name => {
    expect(envLockFor(name)).toBeUndefined();
  });

  test('the list stays as documented (a change here is a security decision)', () => {
    expect(PROCESS_ENV_LOCKS.map(r => r.name)).toEqual(['LD_*', 'PYTHON*', 'JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'CLASSPATH', 'HF_ENDPOINT']);
  });
});

describe('envFrom needs a prefix under which nothing locked can appear', () => {
  const locked = ['VLLM_API_KEY', 'HF_HUB_OFFLINE'];
  test.each([undefined, '', 'L', 'LD_', 'PY', 'PYTHON_X', 'VLLM_', 'HF_', 'HF_HUB_'])('prefix %p is refused', prefix => {
    expect(() => validateEnvFrom('s/m', 'envFrom', [{ prefix }], locked)).toThrow(ValidationError);
  });

  test.each(['APP_', 'MYAPP_', 'X_'])('prefix %p is accepted', prefix => {
    expect(() => validateEnvFrom('s/m', 'envFrom', [{ prefix }], locked)).not.toThrow();
    expect(prefixReachesLock(prefix, PROCESS_ENV_LOCKS)).toBeUndefined();
  });

  test('the error names the source and what it could set', () => {
    expect(() => validateEnvFrom('s/m', 'envFrom', [{ prefix: 'APP_' }, {}], locked)).toThrow(/s\/m: envFrom\[1\]\.prefix \(unset\) lets the source set LD_\*/);
  });
});
