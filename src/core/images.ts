import { ENGINE_MODULES } from './engines/registry';
import { STORAGE_INITIALIZER_IMAGE } from './kserve-release';

export { KSERVE_VERSION } from './kserve-release';

/**
 * Every container image the library deploys, pinned to a release tag: the rows each engine module
 * declares, plus KServe's storage initializer. An upgrade is one line in the engine's module; this
 * table shows every version in one place. `latest` or an untagged image is refused for user
 * overrides too (see `validateImage`).
 */
export const IMAGES: Readonly<Record<string, string>> = Object.freeze(Object.assign(
  { storageInitializer: STORAGE_INITIALIZER_IMAGE },
  ...ENGINE_MODULES.map(m => m.images),
));
