import {
  EmbeddingBackend, HuggingFaceModel, renderEmbeddingService, renderTorchServePredictor, renderVllmPredictor, ServingMode, ValidationError,
} from '../../src/core';
import { checkManifests } from '../../src/core/policy';
import { Engine } from '../../src/core/engines/engine';
import { flagLocks, moduleOf, WHOLE_FLAGS_THAT_ARE_PREFIXES } from '../../src/core/engines/locks';
import { ENGINE_MODULES } from '../../src/core/engines/registry';
import { PROCESS_ENV_LOCKS } from '../../src/core/env-lock';
import { KubeObject } from '../../src/core/kube';
import { podsOf } from '../../src/core/policy/manifest';

const llm = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ctx = { path: 'serving/m', name: 'm', namespace: 'ml-serving' };

interface Extra { readonly extraArgs?: string[]; readonly env?: Record<string, string> }
/** One renderer per engine profile the constructs use. */
const RENDERERS: readonly [string, (x: Extra) => { objects: KubeObject[]; engine: Engine }][] = [
  ['vLLM (DEPLOYMENT)', x => renderVllmPredictor({ model: llm, gpus: 1, mode: ServingMode.DEPLOYMENT, ...x }, ctx)],
  ['KServe runtime, vLLM backend', x => renderVllmPredictor({ model: llm, gpus: 1, mode: ServingMode.KSERVE, ...x }, ctx)],
  ['KServe runtime, embeddings', x => renderEmbeddingService({ model: gte, backend: EmbeddingBackend.KSERVE, ...x }, ctx)],
  ['TEI', x => renderEmbeddingService({ model: gte, backend: EmbeddingBackend.TEI, mode: ServingMode.DEPLOYMENT, ...x }, ctx)],
  ['Infinity', x => renderEmbeddingService({ model: gte, backend: EmbeddingBackend.INFINITY, mode: ServingMode.DEPLOYMENT, ...x }, ctx)],
  ['vLLM pooling', x => renderEmbeddingService({ model: gte, backend: EmbeddingBackend.VLLM, gpus: 1, mode: ServingMode.DEPLOYMENT, ...x }, ctx)],
  ['TorchServe', x => renderTorchServePredictor({ storageUri: 'pvc://store/resnet', models: ['resnet-18.mar'], mode: ServingMode.DEPLOYMENT, ...x } as any, ctx)],
];

const refused = (fn: () => unknown): boolean => {
  try { fn(); } catch (e) { return ValidationError.isValidationError(e); }
  return false;
};

/** The findings checkManifests adds when `args` are appended to the serving container (and `env` to its env). */
function newFindings(objects: KubeObject[], args: string[], env: Record<string, string> = {}): string[] {
  const before = new Set(checkManifests(objects).map(f => `${f.id} ${f.message}`));
  const mutated = JSON.parse(JSON.stringify(objects));
  const pod = mutated.flatMap(podsOf).find((p: any) => p.containers.length > 0);
  const c = pod.containers[0].spec;
  c.args = [...(c.args ?? []), ...args];
  c.env = [...(c.env ?? []), ...Object.entries(env).map(([name, value]) => ({ name, value }))];
  return checkManifests(mutated).map(f => `${f.id} ${f.message}`).filter(f => !before.has(f));
}

describe.each(RENDERERS)('%s', (_label, render) => {
  const base = render({});
  const module = moduleOf(base.engine)!;
  const locks = flagLocks(module, base.engine);
  // forbidden flags with values get one; secret flags get a literal (a secret flag without value carries nothing)
  const args = (l: (typeof locks)[number], spelled: string) => (l.values ? [spelled, l.values[0]] : l.kind === 'secret' ? [`${spelled}=literal`] : [spelled]);
  const emitted = new Set(base.objects.flatMap(podsOf).flatMap(p => p.containers).flatMap(c => (c.spec.args ?? []).map((a: string) => a.split('=')[0].replace(/_/g, '-'))));

  test('the engine belongs to a module of the registry', () => {
    expect(ENGINE_MODULES).toContain(module);
    expect(locks.length).toBeGreaterThan(0);
  });

  test('every locked flag, whole and abbreviated to any length, is refused by the construct', () => {
    const accepted: string[] = [];
    for (const l of locks) {
      for (let n = 3; n <= l.flag.length; n++) {
        const spelled = l.flag.slice(0, n);
        // the engine's own flags that are prefixes of a locked one are themselves when whole
        if (WHOLE_FLAGS_THAT_ARE_PREFIXES.includes(spelled)) continue;
        if (!refused(() => render({ extraArgs: args(l, spelled) }))) accepted.push(spelled);
      }
    }
    expect(accepted).toEqual([]);
  });

  test('checkManifests reports every abbreviation, every forbidden or secret flag, and every owned flag given a second time', () => {
    const silent: string[] = [];
    for (const l of locks) {
      for (let n = 3; n <= l.flag.length; n++) {
        const spelled = l.flag.slice(0, n);
        const whole = n === l.flag.length;
        if (WHOLE_FLAGS_THAT_ARE_PREFIXES.includes(spelled)) continue;
        // a whole owned flag the library itself does not emit is an ordinary flag in a foreign manifest
        if (whole && l.kind === 'owned' && !emitted.has(l.flag)) continue;
        if (newFindings(base.objects, args(l, spelled)).length === 0) silent.push(spelled);
      }
    }
    expect(silent).toEqual([]);
  });

  test('forbidden env of every engine and the process-level locks are refused and reported', () => {
    const names = [
      ...ENGINE_MODULES.flatMap(m => m.forbidden).filter(f => !f.name.startsWith('-')).map(f => f.name),
      ...PROCESS_ENV_LOCKS.map(r => (r.name.endsWith('*') ? `${r.name.slice(0, -1)}X` : r.name)),
    ];
    const accepted = names.filter(n => !refused(() => render({ env: { [n]: '1' } })));
    const silent = names.filter(n => newFindings(base.objects, [], { [n]: '1' }).length === 0);
    expect({ accepted, silent }).toEqual({ accepted: [], silent: [] });
  });
});
