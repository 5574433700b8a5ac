import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

/**
 * KServe publishes no TypeScript types, so `src/core/crds/kserve.ts` writes the InferenceService the
 * library emits by hand. This reads that type with the TypeScript compiler and checks every property
 * it declares, at every depth, against the pinned CRD schema (schemas/kserve.schema.json, KServe
 * v0.20.0): a field the schema does not have at that path, a value kind it does not allow, or a
 * string literal outside its enum fails. Types from kubernetes-models (pod security context,
 * affinity, ...) are not walked: they are Kubernetes' own, checked by their package.
 */
const ROOT = join(__dirname, '..', '..', '..');
const FILE = join(ROOT, 'src', 'core', 'crds', 'kserve.ts');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas', 'kserve.schema.json'), 'utf8')).schemas['serving.kserve.io/v1beta1/InferenceService'];

type Schema = {
  properties?: Record<string, Schema>; items?: Schema; type?: string; enum?: unknown[]; anyOf?: Schema[];
  'x-kubernetes-preserve-unknown-fields'?: boolean; 'x-kubernetes-int-or-string'?: boolean;
};

/** The JSON value kinds a schema node allows (`undefined`: any). */
function allowedKinds(schema: Schema): Set<string> | undefined {
  if (schema['x-kubernetes-int-or-string']) return new Set(['string', 'number']);
  if (schema.anyOf) return new Set(schema.anyOf.flatMap(s => [...(allowedKinds(s) ?? [])]));
  if (!schema.type) return undefined;
  return new Set([schema.type === 'integer' ? 'number' : schema.type]);
}

/** The JSON value kind of a TypeScript type that is not an array or a union. */
function kindOf(t: ts.Type): string {
  if (t.flags & ts.TypeFlags.StringLike) return 'string';
  if (t.flags & ts.TypeFlags.NumberLike) return 'number';
  if (t.flags & ts.TypeFlags.BooleanLike) return 'boolean';
  return 'object';
}

/**
 * Where the type and the schema disagree: a property the schema lacks, a value kind it does not
 * allow (string, number, boolean, object, array), or a string literal outside its enum. Object and
 * array types declared in this repository are walked; kubernetes-models types are not.
 */
function mismatches(checker: ts.TypeChecker, type: ts.Type, schema: Schema, path: string, ancestors: ReadonlySet<ts.Type> = new Set()): string[] {
  const t = checker.getNonNullableType(type);
  if (t.isUnion() && !(t.flags & ts.TypeFlags.Boolean)) return t.types.flatMap(u => mismatches(checker, u, schema, path, ancestors));
  const allowed = allowedKinds(schema);
  const kind = checker.isArrayType(t) ? 'array' : kindOf(t);
  if (allowed && !allowed.has(kind)) return [`${path}: ${checker.typeToString(t)} is not ${[...allowed].join(' or ')}`];
  if (t.isStringLiteral() && schema.enum && !schema.enum.includes(t.value)) return [`${path}: "${t.value}" is not one of ${schema.enum.join(', ')}`];
  if (checker.isArrayType(t)) {
    const [element] = checker.getTypeArguments(t as ts.TypeReference);
    return schema.items ? mismatches(checker, element, schema.items, `${path}[]`, ancestors) : [];
  }
  if (kind !== 'object') return [];
  const declared = t.getSymbol()?.declarations ?? [];
  if (declared.some(d => d.getSourceFile().fileName.includes('node_modules')) || ancestors.has(t)) return [];
  const props = checker.getPropertiesOfType(t);
  // an object schema without properties (e.g. `metadata`, left to the API server) accepts any field, as the validator does
  if (props.length === 0 || !schema.properties || schema['x-kubernetes-preserve-unknown-fields']) return [];
  return props.flatMap(p => {
    const child = schema.properties?.[p.name];
    if (!child) return [`${path}.${p.name}: not in the schema`];
    return mismatches(checker, checker.getTypeOfSymbol(p), child, `${path}.${p.name}`, new Set([...ancestors, t]));
  });
}

let compiled: { checker: ts.TypeChecker; type: ts.Type } | undefined;
/** The InferenceService type, compiled once. */
function inferenceServiceType(): { checker: ts.TypeChecker; type: ts.Type } {
  if (compiled) return compiled;
  const program = ts.createProgram([FILE], { strict: true, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(FILE)!;
  const alias = source.statements.find((s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === 'InferenceService')!;
  compiled = { checker, type: checker.getTypeAtLocation(alias.name) };
  return compiled;
}

test('every field of the library\'s InferenceService type is in the pinned KServe CRD schema, with values it allows', () => {
  const { checker, type } = inferenceServiceType();
  const walked = checker.getPropertiesOfType(type).map(p => p.name);
  expect(walked).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']));
  expect(mismatches(checker, type, SCHEMA, 'InferenceService')).toEqual([]);
});

/** A copy of the schema with the property at `path` (dots; `[]` steps into array items) replaced by `change` of it (undefined: removed). */
function edited(schema: Schema, path: string, change: (node: Schema) => Schema | undefined): Schema {
  const copy: Schema = JSON.parse(JSON.stringify(schema));
  const steps = path.split('.');
  let node: Schema = copy;
  for (const step of steps.slice(0, -1)) {
    node = step.endsWith('[]') ? node.properties![step.slice(0, -2)].items! : node.properties![step];
  }
  const last = steps[steps.length - 1];
  const changed = change(node.properties![last]);
  if (changed) node.properties![last] = changed;
  else delete node.properties![last];
  return copy;
}

test.each([
  'spec.predictor.minReplicas',
  'spec.predictor.model.modelFormat.name',
  'spec.predictor.volumes[].persistentVolumeClaim.claimName',
  'spec.predictor.containers[].startupProbe.httpGet.path',
])('the walk reports %s when the schema lacks it (the check can fail)', path => {
  const { checker, type } = inferenceServiceType();
  expect(mismatches(checker, type, edited(SCHEMA, path, () => undefined), 'InferenceService'))
    .toEqual([`InferenceService.${path}: not in the schema`]);
});

test.each<[string, (node: Schema) => Schema, string]>([
  ['spec.predictor.minReplicas', n => ({ ...n, type: 'string' }), 'number is not string'],
  ['spec.predictor.scaleMetric', n => ({ ...n, enum: ['cpu', 'memory', 'concurrency'] }), '"rps" is not one of cpu, memory, concurrency'],
  ['spec.predictor.model.modelFormat', n => ({ ...n, type: 'string' }), '{ readonly name: string; } is not string'],
  ['spec.predictor.containers[].args', n => ({ ...n, type: 'string' }), 'string[] is not string'],
])('the walk reports a value %s the schema does not allow (the check can fail)', (path, change, problem) => {
  const { checker, type } = inferenceServiceType();
  expect(mismatches(checker, type, edited(SCHEMA, path, change), 'InferenceService')).toEqual([`InferenceService.${path}: ${problem}`]);
});
