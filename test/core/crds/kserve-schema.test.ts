import { readFileSync } from 'fs';
import { join } from 'path';
import * as ts from 'typescript';

/**
 * KServe publishes no TypeScript types, so `src/core/crds/kserve.ts` writes the InferenceService the
 * library emits by hand. This reads that type with the TypeScript compiler and checks every property
 * it declares, at every depth, against the pinned CRD schema (schemas/kserve.schema.json, KServe
 * v0.20.0): a field the schema does not have at that path fails. Types from kubernetes-models (pod
 * security context, affinity, ...) are not walked: they are Kubernetes' own, checked by their package.
 */
const ROOT = join(__dirname, '..', '..', '..');
const FILE = join(ROOT, 'src', 'core', 'crds', 'kserve.ts');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas', 'kserve.schema.json'), 'utf8')).schemas['serving.kserve.io/v1beta1/InferenceService'];

type Schema = { properties?: Record<string, Schema>; items?: Schema; type?: string; 'x-kubernetes-preserve-unknown-fields'?: boolean };

/** Paths of the properties the type declares that the schema lacks, walking object and array types declared in this repository. */
function unknownFields(checker: ts.TypeChecker, type: ts.Type, schema: Schema, path: string, ancestors: ReadonlySet<ts.Type> = new Set()): string[] {
  const t = checker.getNonNullableType(type);
  if (checker.isArrayType(t)) {
    const [element] = checker.getTypeArguments(t as ts.TypeReference);
    return schema.items ? unknownFields(checker, element, schema.items, `${path}[]`, ancestors) : [`${path} (not an array in the schema)`];
  }
  if (t.isUnion()) return t.types.flatMap(u => unknownFields(checker, u, schema, path, ancestors));
  if (!(t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return []; // strings, numbers, literals
  const declared = t.getSymbol()?.declarations ?? [];
  if (declared.some(d => d.getSourceFile().fileName.includes('node_modules')) || ancestors.has(t)) return [];
  const props = checker.getPropertiesOfType(t);
  // an object schema without properties (e.g. `metadata`, left to the API server) accepts any field, as the validator does
  if (props.length === 0 || !schema.properties || schema['x-kubernetes-preserve-unknown-fields']) return [];
  return props.flatMap(p => {
    const child = schema.properties?.[p.name];
    if (!child) return [`${path}.${p.name}`];
    return unknownFields(checker, checker.getTypeOfSymbol(p), child, `${path}.${p.name}`, new Set([...ancestors, t]));
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

test('every field of the library\'s InferenceService type is in the pinned KServe CRD schema', () => {
  const { checker, type } = inferenceServiceType();
  const walked = checker.getPropertiesOfType(type).map(p => p.name);
  expect(walked).toEqual(expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']));
  expect(unknownFields(checker, type, SCHEMA, 'InferenceService')).toEqual([]);
});

/** A copy of the schema without the property at `path` (dots; `[]` steps into array items). */
function without(schema: Schema, path: string): Schema {
  const copy: Schema = JSON.parse(JSON.stringify(schema));
  const steps = path.split('.');
  let node: Schema = copy;
  for (const step of steps.slice(0, -1)) {
    node = step.endsWith('[]') ? node.properties![step.slice(0, -2)].items! : node.properties![step];
  }
  delete node.properties![steps[steps.length - 1]];
  return copy;
}

test.each([
  'spec.predictor.minReplicas',
  'spec.predictor.model.modelFormat.name',
  'spec.predictor.volumes[].persistentVolumeClaim.claimName',
  'spec.predictor.containers[].startupProbe.httpGet.path',
])('the walk reports %s when the schema lacks it (the check can fail)', path => {
  const { checker, type } = inferenceServiceType();
  expect(unknownFields(checker, type, without(SCHEMA, path), 'InferenceService')).toEqual([`InferenceService.${path}`]);
});
