import { ENGINE_RULES } from './engine-checks';
import { FLAG_RULES } from './flag-checks';
import { INTEGRITY_RULES } from './integrity-checks';
import { METADATA_RULES } from './metadata-checks';
import { NETWORK_RULES } from './network-checks';
import { POD_SECURITY_RULES } from './pod-security-checks';
import { REFERENCE_RULES } from './reference-checks';
import { Rule } from './rule';
import { ROLLOUT_RULES } from './rollout-checks';
import { SANDBOX_RULES } from './sandbox-checks';
import { SCALING_RULES } from './scaling-checks';
import { SECRET_RULES } from './secret-checks';
import { TORCHSERVE_RULES } from './torchserve-checks';
import { WORKLOAD_RULES } from './workload-checks';

/**
 * Every check, by checklist ID. Not implemented (need a cluster or are out of scope for static
 * objects): K22 (secrets as files), M11 (multimodal and request limits). K37 checks the references
 * the K23 checklist item mentions.
 */
export const RULES: readonly Rule[] = [
  ...POD_SECURITY_RULES,
  ...WORKLOAD_RULES,
  ...SECRET_RULES,
  ...NETWORK_RULES,
  ...SCALING_RULES,
  ...REFERENCE_RULES,
  ...ROLLOUT_RULES,
  ...METADATA_RULES,
  ...ENGINE_RULES,
  ...FLAG_RULES,
  ...TORCHSERVE_RULES,
  ...INTEGRITY_RULES,
  ...SANDBOX_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
