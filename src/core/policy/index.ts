export * from './finding';
export * from './check';
export { RULES } from './rules';
export type { Rule, CheckResult, CheckContext, Problem } from './rule';
