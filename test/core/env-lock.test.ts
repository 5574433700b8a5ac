import { envLockFor, PROCESS_ENV_LOCKS, prefixReachesLock } from '../../src/core/env-lock';
import { validateEnvFrom } from '../../src/core/env-from';

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

describe('envFrom prefixes that could produce a locked name', () => {
  test.each(['', 'L', 'LD_', 'PY', 'PYTHON_X', 'JAVA_TOOL', '_JAVA', 'CLASS', 'HF_'])('prefix %p reaches a lock', prefix => {
    expect(prefixReachesLock(prefix, PROCESS_ENV_LOCKS)).toBeDefined();
  });

  test.each(['APP_', 'MYAPP_', 'X_'])('prefix %p does not', prefix => {
    expect(prefixReachesLock(prefix, PROCESS_ENV_LOCKS)).toBeUndefined();
  });

  test('construct envFrom refuses a prefix that reaches a process lock', () => {
    expect(() => validateEnvFrom('s/m', [{ configMap: 'cm', prefix: 'JAVA_TOOL' }], new Set())).toThrow(/envFrom\[0\]\.prefix "JAVA_TOOL" lets the ConfigMap set variables such as JAVA_TOOL_OPTIONS/);
  });
});
