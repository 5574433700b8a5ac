// `npm run schemas:kserve`: regenerates schemas/kserve.schema.json, the pinned KServe CRD schemas the
// tests validate InferenceServices and ServingRuntimes against, from a folder of KServe CRD files:
// $HF_SERVING_KSERVE_CRDS, else crds/kserve in the "shared" folder beside the repository. The folder must hold the
// `config/crd/full` files of the KServe tag in $KSERVE_TAG (default v0.20.0), unedited.
//
// The artifact keeps each CRD version's `openAPIV3Schema` as it is (no strictening: the validator does
// that), keyed `<group>/<version>/<Kind>`, under a provenance header: the tag, each source file's
// SHA-256, and the SHA-256 of the schemas it holds (so an edit by hand is detected by a test).
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const crdDir = resolve(process.env.HF_SERVING_KSERVE_CRDS ?? resolve(root, '../shared/crds/kserve'));
const tag = process.env.KSERVE_TAG ?? 'v0.20.0';
const out = resolve(root, 'schemas/kserve.schema.json');

const sha256 = text => createHash('sha256').update(text).digest('hex');

/** The serialized schemas, one key per line, in key order: what `schemasSha256` hashes. */
export function schemaLines(schemas) {
  return Object.keys(schemas).sort().map(k => `${JSON.stringify(k)}: ${JSON.stringify(schemas[k])}`);
}

function main() {
  if (!existsSync(crdDir)) {
    console.error(`KServe CRD folder not found: ${crdDir}. Set HF_SERVING_KSERVE_CRDS to a folder holding the`
      + ` serving.kserve.io_*.yaml files of KServe ${tag} (config/crd/full).`);
    process.exit(1);
  }
  const files = readdirSync(crdDir).filter(f => /^serving\.kserve\.io_.*\.ya?ml$/.test(f)).sort();
  if (files.length === 0) {
    console.error(`No serving.kserve.io_*.yaml in ${crdDir}.`);
    process.exit(1);
  }
  const sources = [];
  const schemas = {};
  for (const file of files) {
    const text = readFileSync(resolve(crdDir, file), 'utf8');
    sources.push({ file, sha256: sha256(text) });
    for (const doc of YAML.parseAllDocuments(text)) {
      const crd = doc.toJSON();
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        schemas[`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`] = v.schema.openAPIV3Schema;
      }
    }
  }
  const lines = schemaLines(schemas);
  const provenance = {
    generator: 'scripts/kserve-schemas.mjs (npm run schemas:kserve)',
    upstream: 'https://github.com/kserve/kserve',
    tag,
    sourcePath: 'config/crd/full',
    sources,
    schemasSha256: sha256(lines.join('\n')),
  };
  const body = `{\n"provenance": ${JSON.stringify(provenance, null, 2)},\n"schemas": {\n${lines.join(',\n')}\n}\n}\n`;
  writeFileSync(out, body);
  console.log(`wrote ${out}: ${Object.keys(schemas).length} schemas from ${files.length} files (KServe ${tag})`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
