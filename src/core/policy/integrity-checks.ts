import { argv } from './manifest';
import { perContainer, Rule } from './rule';

const VERIFY = /sha256sum\s+(-c|--check)/;
/** `'<digest>  <file>'` lines of a checksum list given inline. */
const ENTRY = /'([^'\s]+) {2}([^']+)'/g;
const SHA256 = /^[0-9a-f]{64}$/;

/** Integrity map checks (M12). */
export const INTEGRITY_RULES: readonly Rule[] = [
  {
    id: 'M12', title: 'integrity digests valid and verified before serving', severity: 'warning',
    source: 'Hugging Face LFS oid = SHA-256; own',
    fix: 'give 64-lowercase-hex SHA-256 digests and verify them in an init container or download Job',
    run: perContainer((c, p, add) => {
      if (!c.init && !p.runsToCompletion) add('verifies checksums in the serving container, after the server could have loaded the files');
      for (const m of argv(c.spec).join('\n').matchAll(ENTRY)) {
        if (!SHA256.test(m[1])) add(`digest "${m[1]}" for ${m[2]} is not 64 lowercase hex characters`);
      }
    }, c => VERIFY.test(argv(c.spec).join('\n'))),
  },
];
