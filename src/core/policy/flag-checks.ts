import { flagLockHits, flagLocks } from '../engines/locks';
import { ENGINE_MODULES } from '../engines/registry';
import { engineOf } from './engine-signatures';
import { argv } from './manifest';
import { perContainer, Rule } from './rule';

/**
 * Locked engine flags (set by the library, refused, or credential-bearing) written so the engine's
 * parser reads something other than what a reader sees: an abbreviation (argparse takes any
 * unambiguous prefix), an ambiguous prefix, or a second occurrence (argparse and click keep the
 * last, clap refuses). The same table and matcher the constructs use for `extraArgs`.
 */
export const FLAG_RULES: readonly Rule[] = [
  {
    id: 'M15', title: 'locked engine flags written whole and once', severity: 'error',
    source: 'Python argparse allow_abbrev (vLLM, KServe runtime, TorchServe); own flag locks (engines/locks.ts)',
    fix: 'write the flag whole and once; remove any second value',
    run: perContainer((c, _p, add) => {
      const sig = engineOf(c);
      const module = ENGINE_MODULES.find(m => m.signature === sig);
      if (!module) return;
      const hits = flagLockHits(argv(c.spec), flagLocks(module));
      const seen = new Map<string, number>();
      for (const h of hits) {
        if (h.flags.length > 1) add(`${h.arg.split('=')[0]} is an ambiguous abbreviation of ${h.flags.join(', ')}`);
        else if (h.abbreviated) add(`${h.arg.split('=')[0]} is read as ${h.flags[0]}`);
        if (h.flags.length === 1) seen.set(h.flags[0], (seen.get(h.flags[0]) ?? 0) + 1);
      }
      for (const [flag, n] of seen) if (n > 1) add(`${flag} is given ${n} times; the engine uses the last one (or refuses)`);
    }, c => engineOf(c) !== undefined),
  },
];
