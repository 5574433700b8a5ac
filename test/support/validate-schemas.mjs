// Validates Kubernetes objects (a JSON array on stdin) against their schemas and prints a JSON report.
// Core kinds: kubernetes-models. KEDA, Karpenter, prometheus-operator, external-secrets: @kubernetes-models/*.
// KServe kinds: the openAPIV3Schema of the KServe CRDs in $HF_SERVING_KSERVE_CRDS or the default `crdDir` below,
// with unknown fields refused (additionalProperties: false wherever the CRD lists properties).
// Run with node (the model packages are ESM-only, which jest cannot load).
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import YAML from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
export const crdDir = process.env.HF_SERVING_KSERVE_CRDS ?? resolve(here, '../../../shared/crds/kserve');

const PACKAGES = {
  'keda.sh': '@kubernetes-models/keda/keda.sh',
  'karpenter.sh': '@kubernetes-models/karpenter/karpenter.sh',
  'karpenter.k8s.aws': '@kubernetes-models/karpenter/karpenter.k8s.aws',
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator/monitoring.coreos.com',
  'external-secrets.io': '@kubernetes-models/external-secrets/external-secrets.io',
  'gateway.networking.k8s.io': '@kubernetes-models/gateway-api/gateway.networking.k8s.io',
};

function modulePath(apiVersion) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === '') return `kubernetes-models/${version}`;
  if (PACKAGES[group]) return `${PACKAGES[group]}/${version}`;
  if (group.endsWith('.k8s.io') || ['apps', 'batch', 'autoscaling', 'policy'].includes(group)) return `kubernetes-models/${group}/${version}`;
  return undefined;
}

function strictify(schema) {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = strictify(v);
  if (out.properties && out.additionalProperties === undefined && !out['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  return out;
}

let crdValidators;
// Compiling the KServe CRD schemas takes seconds, so the generated validator code is cached on disk,
// keyed by a hash of the CRD files (node_modules/.cache/hf-serving-constructs/).
function kserveValidators() {
  if (crdValidators) return crdValidators;
  if (!existsSync(crdDir) || !readdirSync(crdDir).some(f => f.startsWith('serving.kserve.io_'))) {
    throw new Error(`KServe CRDs not found in ${crdDir}: set HF_SERVING_KSERVE_CRDS to a folder holding serving.kserve.io_*.yaml (KServe v0.20.0 config/crd/full)`);
  }
  const files = readdirSync(crdDir).filter(f => f.endsWith('.yaml')).sort();
  const texts = files.map(f => readFileSync(resolve(crdDir, f), 'utf8'));
  const hash = createHash('sha256').update(texts.join('\0')).digest('hex').slice(0, 16);
  const cacheDir = resolve(here, '../../node_modules/.cache/hf-serving-constructs');
  const cacheFile = resolve(cacheDir, `kserve-validators-${hash}.cjs`);
  const require = createRequire(cacheFile);
  if (!existsSync(cacheFile)) {
    const ajv = new Ajv({ strict: false, allErrors: true, code: { source: true } });
    for (const f of ['int32', 'int64', 'byte', 'date-time', 'double', 'float', 'quantity']) ajv.addFormat(f, true);
    const refs = {};
    for (const text of texts) {
      const crd = YAML.parse(text);
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      for (const v of crd.spec.versions) {
        const key = `${crd.spec.group}/${v.name}/${crd.spec.names.kind}`;
        ajv.addSchema(strictify(v.schema.openAPIV3Schema), key);
        refs[key.replace(/[^A-Za-z0-9]/g, '_')] = key;
      }
    }
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(cacheFile, standaloneCode(ajv, refs));
  }
  const mod = require(cacheFile);
  crdValidators = {};
  for (const [name, fn] of Object.entries(mod)) {
    if (typeof fn === 'function') crdValidators[name] = fn;
  }
  return crdValidators;
}

function kserveValidator(key) {
  return kserveValidators()[key.replace(/[^A-Za-z0-9]/g, '_')];
}

export async function validate(objects) {
  const results = [];
  for (const obj of objects) {
    const where = `${obj.apiVersion}/${obj.kind} ${obj.metadata?.name}`;
    try {
      const key = `${obj.apiVersion}/${obj.kind}`;
      if (obj.apiVersion?.startsWith('serving.kserve.io/')) {
        const v = kserveValidator(key);
        if (!v) throw new Error(`no KServe CRD schema for ${key}`);
        if (!v(obj)) throw new Error(v.errors.map(e => `${e.instancePath} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`).join('; '));
      } else {
        const mod = modulePath(obj.apiVersion);
        if (!mod) throw new Error(`no schema known for ${key}`);
        const m = await import(mod);
        const Cls = m[obj.kind];
        if (!Cls) throw new Error(`no model for ${key} in ${mod}`);
        new Cls(obj).validate();
      }
      results.push({ object: where, ok: true });
    } catch (e) {
      results.push({ object: where, ok: false, error: String(e.message ?? e) });
    }
  }
  return results;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const input = readFileSync(0, 'utf8');
  validate(JSON.parse(input)).then(r => process.stdout.write(JSON.stringify(r)), e => {
    process.stdout.write(JSON.stringify([{ object: '*', ok: false, error: String(e.message ?? e) }]));
  });
}
