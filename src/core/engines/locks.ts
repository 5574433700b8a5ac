import { Engine, EngineModule } from './engine';
import { foldFlag, lockedFlagUses, LockedFlagUse } from './cli-flags';
import { ENGINE_MODULES } from './registry';
import { EnvLockRule } from '../env-lock';

/** Why a flag is locked. */
export type FlagLockKind = 'owned' | 'forbidden' | 'secret';

/** One flag `extraArgs` may not set (and `checkManifests` reports when abbreviated or repeated). */
export interface FlagLock {
  /** The flag, folded (`--trust-remote-code`). */
  readonly flag: string;
  readonly kind: FlagLockKind;
  /** Owned flags: the prop that sets it (`null`: the construct always sets it). */
  readonly prop?: string | null;
  /** Forbidden flags: refused only with one of these values (e.g. `--tool-server demo`). */
  readonly values?: readonly string[];
  /** Forbidden and secret flags: what it does, completing "is refused because it ...". */
  readonly why?: string;
}

/**
 * Options the engines have whose names are prefixes of a locked flag: given whole, argparse takes
 * them as themselves, so they are not abbreviations. vLLM's `--tokenizer` (a prefix of
 * `--tokenizer-revision`) is the only one among the locked flags of the pinned releases
 * (vllm-project/vllm `vllm/engine/arg_utils.py`, `ModelConfig.tokenizer`).
 */
export const WHOLE_FLAGS_THAT_ARE_PREFIXES: readonly string[] = ['--tokenizer'];

/**
 * How locks read arguments, for every engine: as Python argparse with abbreviations does. For the
 * argparse engines (vLLM, KServe's runtime, TorchServe) that is how the engine reads them; for the
 * clap (TEI) and click (Infinity) engines a prefix is an unknown option the engine refuses at
 * start, so refusing it before synth loses nothing that works, and the constructs and
 * `checkManifests` read every argument the same way.
 */
export const LOCK_SYNTAX = { parser: 'argparse' as const, allowAbbrev: true };

/** The module a render profile belongs to. */
export function moduleOf(engine: Engine): EngineModule | undefined {
  return ENGINE_MODULES.find(m => m.profiles.some(p => p === engine || p.id === engine.id));
}

const SECRET_WHY = 'puts a credential on the command line, where the pod spec, `ps` and the engine\'s logs show it';

/** Every locked flag of a module (owned flags of `profile`, or of all its profiles), folded, first reason wins. */
export function flagLocks(module: EngineModule, profile?: Engine): FlagLock[] {
  const locks = new Map<string, FlagLock>();
  const add = (l: FlagLock) => { if (!locks.has(l.flag)) locks.set(l.flag, l); };
  for (const f of module.secrets.flags) add({ flag: foldFlag(f), kind: 'secret', why: SECRET_WHY });
  for (const f of module.forbidden) {
    if (f.name.startsWith('-')) add({ flag: foldFlag(f.name), kind: 'forbidden', why: f.why, ...(f.values ? { values: f.values } : {}) });
  }
  for (const p of profile ? [profile] : module.profiles) {
    for (const [flag, prop] of Object.entries(p.ownedFlags)) add({ flag: foldFlag(flag), kind: 'owned', prop });
  }
  return [...locks.values()];
}

/** One argument that sets a locked flag, with the locks it hits. */
export interface FlagLockHit extends LockedFlagUse {
  readonly locks: readonly FlagLock[];
  /** True when the argument is a shortened spelling (or an ambiguous one) rather than the flag itself. */
  readonly abbreviated: boolean;
}

/** The arguments that set locked flags (forbidden flags with `values` only with such a value). */
export function flagLockHits(args: readonly unknown[], locks: readonly FlagLock[]): FlagLockHit[] {
  const byFlag = new Map(locks.map(l => [l.flag, l]));
  return lockedFlagUses(LOCK_SYNTAX, args, locks.map(l => l.flag), WHOLE_FLAGS_THAT_ARE_PREFIXES).flatMap(u => {
    const hit = u.flags.map(f => byFlag.get(f)!).filter(l => l.kind !== 'forbidden' || !l.values
      || (u.value ?? '').split(',').map(x => x.trim()).some(v => l.values!.includes(v)));
    if (hit.length === 0) return [];
    const written = foldFlag(u.arg.split('=')[0]).split('.')[0];
    return [{ ...u, locks: hit, abbreviated: u.flags.length > 1 || written !== u.flags[0] }];
  });
}

/** Environment a module refuses (its forbidden env switches), as env lock rules. */
export function envLockRules(module: EngineModule): EnvLockRule[] {
  return module.forbidden.filter(f => !f.name.startsWith('-')).map(f => ({ name: f.name, why: f.why }));
}
