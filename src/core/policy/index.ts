export * from './finding';
export * from './check';
export { RULES } from './rules';
export { WAIVER_ANNOTATION_PREFIX, waiverAnnotation } from './waivers';
export { docsLink, objectRef, POLICY_DOCS_PAGE } from './locate';
export type { Rule, CheckResult, CheckContext, Problem } from './rule';
