import { Redacted, ValidationError } from './errors';
import { credentialShapes, looksLikeCredential } from './redact';

/** An environment variable, or a family of them (`LD_*`), that no serving container may get from the user. */
export interface EnvLockRule {
  /** Exact name, or a prefix ending in `*` (`LD_*`). */
  readonly name: string;
  /** Names of the family that stay allowed (harmless switches such as `PYTHONUNBUFFERED`). */
  readonly except?: readonly string[];
  /** What it does, completing "is refused because it ...". */
  readonly why: string;
}

/**
 * Process-level variables that load code or redirect the runtime, whatever the engine:
 * - `LD_*`: the glibc dynamic loader reads `LD_PRELOAD`, `LD_LIBRARY_PATH`, `LD_AUDIT` and more
 *   at every exec (ld.so(8)); any of them loads a library of the caller's choice.
 * - `PYTHON*`: CPython reads `PYTHONPATH`, `PYTHONHOME`, `PYTHONSTARTUP`, `PYTHONUSERBASE`,
 *   `PYTHONBREAKPOINT`, `PYTHONWARNINGS` (imports the named warning category's module) and more
 *   (python(1), "Environment variables"); only switches that change no import or path stay allowed.
 * - `JAVA_TOOL_OPTIONS`, `JDK_JAVA_OPTIONS`, `_JAVA_OPTIONS`, `CLASSPATH`: read by the JVM that runs
 *   TorchServe's frontend; `-javaagent:` loads code.
 * - `HF_ENDPOINT`: points huggingface_hub at another host than the Hub (huggingface_hub `constants.py`).
 */
export const PROCESS_ENV_LOCKS: readonly EnvLockRule[] = [
  { name: 'LD_*', why: 'is read by the dynamic loader and loads or redirects shared libraries' },
  {
    name: 'PYTHON*',
    except: ['PYTHONUNBUFFERED', 'PYTHONDONTWRITEBYTECODE', 'PYTHONHASHSEED', 'PYTHONFAULTHANDLER', 'PYTHONIOENCODING', 'PYTHONUTF8'],
    why: 'changes where Python finds its modules or runs code at start',
  },
  { name: 'JAVA_TOOL_OPTIONS', why: 'adds JVM options (a -javaagent loads code)' },
  { name: 'JDK_JAVA_OPTIONS', why: 'adds JVM options (a -javaagent loads code)' },
  { name: '_JAVA_OPTIONS', why: 'adds JVM options (a -javaagent loads code)' },
  { name: 'CLASSPATH', why: 'changes where the JVM loads classes from' },
  { name: 'HF_ENDPOINT', why: 'points Hugging Face downloads at another host than the Hub' },
];

/** True if `name` is matched by the rule. */
export function envRuleMatches(rule: EnvLockRule, name: string): boolean {
  if (rule.except?.includes(name)) return false;
  return rule.name.endsWith('*') ? name.startsWith(rule.name.slice(0, -1)) : name === rule.name;
}

/** The rule refusing `name`, if any, among the process-level locks and `extra`. */
export function envLockFor(name: string, extra: readonly EnvLockRule[] = []): EnvLockRule | undefined {
  return [...PROCESS_ENV_LOCKS, ...extra].find(r => envRuleMatches(r, name));
}

/**
 * True if some variable that `prefix` + any key produces is locked (used by `envFrom` prefixes): a locked name starts with the
 * prefix, or a locked family's prefix starts with it, or it starts with a locked family's prefix.
 * The family's exceptions do not help: the keys are not known.
 */
export function prefixReachesLock(prefix: string, rules: readonly EnvLockRule[]): EnvLockRule | undefined {
  return rules.find(r => {
    const family = r.name.endsWith('*') ? r.name.slice(0, -1) : undefined;
    if (family !== undefined) return family.startsWith(prefix) || prefix.startsWith(family);
    return r.name.startsWith(prefix);
  });
}

/** A literal environment value shaped like a credential is refused, without printing it. */
export function refuseCredentialValue(path: string, field: string, value: string): void {
  if (looksLikeCredential(value)) {
    const shape = credentialShapes(value)[0] ?? 'credential';
    throw new ValidationError(path, field, new Redacted(value.length), `holds what looks like a ${shape}`,
      'keep credentials in a Secret: pass them as hfToken/apiKey with SecretRef.of(secretName, key)');
  }
}
