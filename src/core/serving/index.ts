export * from './family';
export { renderServing } from './render';
export { CONFIG_DIGEST_ENV } from './resolve';
export type { ServingPlan } from './resolve';
export { requireNamespace } from '../context';
export type { ServingContext } from '../context';
