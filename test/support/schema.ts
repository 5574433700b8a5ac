import { execFileSync } from 'child_process';
import * as path from 'path';

/** One object's schema verdict. */
export interface SchemaResult {
  readonly object: string;
  readonly ok: boolean;
  readonly error?: string;
}

/**
 * Validate objects against the Kubernetes, CRD-package and KServe CRD schemas in a child `node`
 * process (the schema packages are ESM-only). Never skips: a missing CRD folder is an error.
 */
export function validateSchemas(objects: readonly unknown[], env: NodeJS.ProcessEnv = process.env): SchemaResult[] {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'validate-schemas.mjs')], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env,
  });
  return JSON.parse(out) as SchemaResult[];
}

/** Failures only, as readable lines (an empty list means every object is valid). */
export function schemaErrors(objects: readonly unknown[]): string[] {
  return validateSchemas(objects).filter(r => !r.ok).map(r => `${r.object}: ${r.error}`);
}
