import { ENGINE_RULES } from './engine-checks';
import { INTEGRITY_RULES } from './integrity-checks';
import { METADATA_RULES } from './metadata-checks';
import { NETWORK_RULES } from './network-checks';
import { POD_SECURITY_RULES } from './pod-security-checks';
import { Rule } from './rule';
import { SCALING_RULES } from './scaling-checks';
import { SECRET_RULES } from './secret-checks';
import { TORCHSERVE_RULES } from './torchserve-checks';
import { WORKLOAD_RULES } from './workload-checks';

/**
 * Every check, by checklist ID. Not implemented (need a cluster or are out of scope for static
 * objects): K22 (secrets as files), K23 (duplicate env / external references), K33 (rollout
 * strategy), M11 (multimodal and request limits), M13 (engine versions against advisories).
 */
export const RULES: readonly Rule[] = [
  ...POD_SECURITY_RULES,
  ...WORKLOAD_RULES,
  ...SECRET_RULES,
  ...NETWORK_RULES,
  ...SCALING_RULES,
  ...METADATA_RULES,
  ...ENGINE_RULES,
  ...TORCHSERVE_RULES,
  ...INTEGRITY_RULES,
].sort((a, b) => a.id.localeCompare(b.id));
