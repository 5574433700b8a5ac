// Part of `npm run docs`: every property of a named interface or class is documented, and every
// optional property a user can set states its default with a `@default` tag (TypeDoc itself reports
// undocumented classes, interfaces, functions, variables, methods, accessors, enums and type aliases). "Can set" means: a property of an
// interface named `*Props`, `*Options` or `*Args`, or of any type reachable from one through its
// properties (nested option objects, array elements, unions). Output shapes (rendered Kubernetes
// objects, findings) are not inputs and have no defaults. Reads TypeDoc's JSON model.
import { readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'docs/api/api.json';
const project = JSON.parse(readFileSync(file, 'utf8'));

const KIND = { Property: 1024, Interface: 256, TypeAlias: 2097152, Class: 128 };
const byId = new Map();
(function index(node, path) {
  for (const child of node.children ?? []) {
    const here = path ? `${path}.${child.name}` : child.name;
    byId.set(child.id, { node: child, path: here });
    index(child, here);
  }
})(project, '');

const INPUT = /(Props|Options|Args)$/;
const roots = [...byId.values()].filter(({ node }) => (node.kind === KIND.Interface || node.kind === KIND.TypeAlias) && INPUT.test(node.name));

const missing = new Set();
const seen = new Set();
function visitType(type, path) {
  if (!type) return;
  switch (type.type) {
    case 'reference': {
      const target = typeof type.target === 'number' ? byId.get(type.target) : undefined;
      if (target && target.node.kind !== KIND.Class) visitDeclaration(target.node, target.path);
      for (const arg of type.typeArguments ?? []) visitType(arg, path);
      return;
    }
    case 'array': return visitType(type.elementType, path);
    case 'union': case 'intersection': return type.types.forEach(t => visitType(t, path));
    case 'typeOperator': return visitType(type.target, path);
    case 'reflection': return visitDeclaration(type.declaration, path);
    default: return;
  }
}
function visitDeclaration(decl, path) {
  if (!decl || seen.has(decl.id)) return;
  seen.add(decl.id);
  if (decl.kind === KIND.TypeAlias) return visitType(decl.type, path);
  for (const child of decl.children ?? []) {
    if (child.kind !== KIND.Property) continue;
    const here = `${path}.${child.name}`;
    const tags = (child.comment?.blockTags ?? []).map(t => t.tag);
    if (child.flags?.isOptional && !tags.includes('@default')) missing.add(here);
    visitType(child.type, here);
  }
  for (const t of decl.extendedTypes ?? []) visitType(t, path);
}
for (const { node, path } of roots) visitDeclaration(node, path);

// Every property of a named interface or class is documented (TypeDoc checks the declarations
// themselves; fields of anonymous inline types are described by the property that holds them).
const undocumented = [...byId.values()]
  .filter(({ node }) => node.kind === KIND.Interface || node.kind === KIND.Class)
  .flatMap(({ node, path }) => (node.children ?? [])
    .filter(c => c.kind === KIND.Property && !c.flags?.isExternal && !c.inheritedFrom && !c.comment?.summary?.some(p => p.text.trim() !== ''))
    .map(c => `${path}.${c.name}`));
if (undocumented.length > 0) {
  console.error(`${undocumented.length} properties have no documentation:\n  ${undocumented.sort().join('\n  ')}`);
  process.exitCode = 1;
}

if (missing.size > 0) {
  console.error(`${missing.size} optional input properties have no @default tag:\n  ${[...missing].sort().join('\n  ')}`);
  process.exitCode = 1;
}
if (!process.exitCode) console.log(`every optional input property of the public API states its @default (${roots.length} input types checked)`);
