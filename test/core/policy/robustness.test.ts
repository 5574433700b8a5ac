import { checkManifests } from '../../../src';
import { BASE_NAMES, BASES, Obj } from './fixtures';

/** Every path in an object tree. */
function paths(o: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof o !== 'object' || o === null) return [path];
  return [path, ...Object.entries(o).flatMap(([k, v]) => paths(v, [...path, Array.isArray(o) ? Number(k) : k]))];
}

const ODD_VALUES = [null, 'x', 7, [], {}, true];

test.each(BASE_NAMES)('%s: any field replaced by a value of the wrong type never makes the checks throw', base => {
  const failures: string[] = [];
  for (const path of paths(BASES[base]()).filter(p => p.length > 0)) {
    for (const odd of ODD_VALUES) {
      const objects: Obj[] = BASES[base]();
      let parent: any = objects;
      for (const k of path.slice(0, -1)) parent = parent[k];
      parent[path[path.length - 1]] = odd;
      try {
        checkManifests(objects);
      } catch (e) {
        failures.push(`${path.join('.')} = ${JSON.stringify(odd)}: ${String(e)}`);
      }
    }
  }
  expect(failures).toEqual([]);
});
