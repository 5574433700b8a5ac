export * from './finding';
export type { PolicyReport } from './check';
export { checkManifests, policyReport, RULES } from './lazy';
export { WAIVER_ANNOTATION_PREFIX, waiverAnnotation } from './waivers';
export { docsLink, objectRef, POLICY_DOCS_PAGE } from './locate';
export type { Rule, CheckResult, CheckContext, Problem } from './rule';
