/** Expands the mutation table into concrete test cases over the base fixtures. */
import { podsOf } from '../../../src/core/policy/manifest';
import { BASE_NAMES, BASES, BaseName, Obj } from './fixtures';
import { Level, Mutation, MUTATIONS } from './mutations';

export interface Case {
  readonly title: string;
  readonly mutation: Mutation;
  readonly base: BaseName;
  readonly level: Level;
  /** Builds the mutated objects. */
  readonly build: () => Obj[];
  /** Object (and container) the finding must name, when the mutation targets one. */
  readonly object?: string;
  readonly container?: string;
}

function clone(objects: Obj[]): Obj[] {
  return JSON.parse(JSON.stringify(objects));
}

function casesFor(m: Mutation): Case[] {
  const out: Case[] = [];
  for (const base of m.bases ?? BASE_NAMES) {
    for (const level of m.levels) {
      if (level === 'bundle') {
        out.push({ title: `${base}`, mutation: m, base, level, build: () => { const o = clone(BASES[base]()); m.apply(o, o); return o; } });
        continue;
      }
      const pods = BASES[base]().flatMap(podsOf);
      pods.forEach((pod, i) => {
        if (level === 'pod') {
          if (pod.partial) return;
          out.push({
            title: `${base} pod of ${pod.object}${pod.component ? ` ${pod.component}` : ''}`, mutation: m, base, level, object: pod.object,
            build: () => { const o = clone(BASES[base]()); const p = o.flatMap(podsOf)[i]; m.apply(p.pod, o); return o; },
          });
          return;
        }
        if (m.skipTemplates && pod.partial) return;
        const list = level === 'main' ? pod.containers : pod.initContainers;
        if (list.length === 0 || (m.when && !m.when(list[0].spec))) return;
        out.push({
          title: `${base} ${level} container ${list[0].name} of ${pod.object}`, mutation: m, base, level, object: pod.object, container: list[0].name,
          build: () => {
            const o = clone(BASES[base]());
            const p = o.flatMap(podsOf)[i];
            m.apply((level === 'main' ? p.containers : p.initContainers)[0].spec, o);
            return o;
          },
        });
      });
    }
  }
  return out;
}

/** Every mutation with its cases. */
export const CASES: readonly { mutation: Mutation; cases: Case[] }[] = MUTATIONS.map(m => ({ mutation: m, cases: casesFor(m) }));
