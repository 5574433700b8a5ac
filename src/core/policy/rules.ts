import { ENGINE_RULES } from './engine-checks';
import { INTEGRITY_RULES } from './integrity-checks';
import { METADATA_RULES } from './metadata-checks';
import { NETWORK_RULES } from './network-checks';
import { POD_SECURITY_RULES } from './pod-security-checks';
import { Rule } from './rule';
import { ROLLOUT_RULES } from './rollout-checks';
import { SANDBOX_RULES } from './sandbox-checks';
import { SCALING_RULES } from './scaling-checks';
import { SECRET_RULES } from './secret-checks';
import { TORCHSERVE_RULES } from './torchserve-checks';
import { WORKLOAD_RULES } from './workload-checks';

/**
 * Every check, by checklist ID. Not implemented (need a cluster or are out of scope for static
 * objects): K22 (secrets as files), the reference half of K23 (Secrets and ConfigMaps outside the
 * objects), M11 (multimodal and request limits).
 */
export const RULES: readonly Rule[] = [
  ...POD_SECURITY_RULES,
  ...WORKLOAD_RULES,
  ...SECRET_RULES,
  ...NETWORK_RULES,
  ...SCALING_RULES,
  ...ROLLOUT_RULES,
  ...METADATA_RULES,
  ...ENGINE_RULES,
  ...TORCHSERVE_RULES,
  ...INTEGRITY_RULES,
  ...SANDBOX_RULES,
].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
