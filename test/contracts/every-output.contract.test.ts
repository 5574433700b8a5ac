import { Testing } from 'cdk8s';
import { EXAMPLES } from '../../examples/cdk8s';
import { EmbeddingBackend, HuggingFaceModel, KnativeFeature, KubeObject, LlmEngine, renderEmbeddingService, renderLlmPredictor, renderTorchServePredictor, renderVllmPredictor, SecretRef, ServingMode, ValidationError } from '../../src/core';
import { knativeViolations, predictorPodSpec } from '../../src/core/knative';
import { Engine } from '../../src/core/engines/engine';
import { validateKServeRuntimeArgs } from '../../src/core/engines/kserve-runtime-args';
import { moduleOf } from '../../src/core/engines/locks';

/**
 * Every container and pod the library emits, from every example and every engine × mode, checked
 * against the contract data: Knative's field mask (serverless), the KServe runtime's parse stages
 * per backend, and the image user (UID/GID ≥ 10000, `USER`/`LOGNAME` set; `HOME` set and writable
 * for every container that runs Python). The engines' flag locks with argparse prefix matching are
 * exercised by a mutation per mode below (their data: `engines/locks.ts`).
 */

type Json = Record<string, any>;

/** A pod template of a workload and the serverless flag. */
function pods(objects: readonly KubeObject[]): { kind: string; name: string; pod: Json; serverless: boolean }[] {
  return objects.flatMap(o => {
    const name = `${o.kind} ${o.metadata.name}`;
    if (o.kind === 'InferenceService') {
      const predictor = (o as Json).spec.predictor;
      const serverless = o.metadata.annotations?.['serving.kserve.io/deploymentMode'] === 'Knative';
      return [{ kind: o.kind, name, pod: { ...predictorPodSpec(predictor), _predictor: predictor }, serverless }];
    }
    if (o.kind === 'Deployment' || o.kind === 'Job') return [{ kind: o.kind, name, pod: (o as Json).spec.template.spec, serverless: false }];
    return [];
  });
}

/** A helper step that runs a shell one-liner (`test -f`, `sha256sum -c`), no Python: it needs no HOME. */
function isShellStep(c: Json): boolean {
  return Array.isArray(c.command) && c.command[0] === '/bin/sh' && c.command[1] === '-c';
}

/** Every problem the contracts find in the objects; empty when all hold. */
export function contractProblems(objects: readonly KubeObject[], declared: readonly KnativeFeature[] = []): string[] {
  const out: string[] = [];
  for (const { name, pod, serverless } of pods(objects)) {
    const { _predictor: predictor, ...spec } = pod;
    if (serverless) {
      for (const v of knativeViolations(spec, declared)) out.push(`${name}: Knative refuses ${v.field} (${v.problem})`);
    }
    const containers: Json[] = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
    for (const c of containers) {
      const at = `${name} container ${c.name}`;
      const sc = c.securityContext ?? {};
      const uid = sc.runAsUser ?? spec.securityContext?.runAsUser;
      const gid = sc.runAsGroup ?? spec.securityContext?.runAsGroup;
      if (!(uid >= 10000) || !(gid >= 10000)) out.push(`${at}: UID/GID ${uid}/${gid} below 10000`);
      if (sc.readOnlyRootFilesystem !== true) out.push(`${at}: root filesystem writable`);
      const env = Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e.value]));
      for (const v of ['USER', 'LOGNAME']) if (!env[v]) out.push(`${at}: ${v} not set (Python looks the user up)`);
      if (env.HOME) {
        const mount = (c.volumeMounts ?? []).find((m: Json) => `${env.HOME}/`.startsWith(`${m.mountPath.replace(/\/$/, '')}/`) && !m.readOnly);
        if (!mount) out.push(`${at}: HOME ${env.HOME} is not on a writable mount`);
      } else if (!isShellStep(c)) {
        out.push(`${at}: HOME not set`);
      }
    }
    const model = predictor?.model;
    if (model?.runtime === 'kserve-huggingfaceserver') {
      const backend = (model.args ?? []).find((a: string) => a.startsWith('--backend='))?.split('=')[1];
      try {
        validateKServeRuntimeArgs(name, backend === 'vllm' ? 'vllm' : 'huggingface', model.args ?? []);
      } catch (e) {
        out.push(`${name}: ${(e as Error).message}`);
      }
    }
  }
  return out;
}

const llm = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const ctx = (name: string) => ({ path: `serving/${name}`, name, namespace: 'ml-serving' });
/** Serverless outputs that deliver with the library's own init container (custom containers) declare what that needs. */
const DECLARED = [KnativeFeature.PODSPEC_INIT_CONTAINERS, KnativeFeature.PODSPEC_PERSISTENT_VOLUME_CLAIM];
const features = (mode: ServingMode) => (mode === ServingMode.KSERVE_SERVERLESS ? { knativeFeatures: DECLARED } : {});

/** One render per engine profile the library can choose, in a mode. */
const OUTPUTS: Record<string, (mode: ServingMode) => readonly KubeObject[]> = {
  'vllm (KServe runtime in KServe modes)': mode => renderVllmPredictor({ model: llm, mode, ...features(mode) }, ctx('chat')).objects,
  'vllm with apiKey (upstream vLLM)': mode => renderVllmPredictor({ model: llm, mode, apiKey: SecretRef.of('k', 'key'), ...features(mode) }, ctx('chat')).objects,
  'sglang': mode => renderLlmPredictor({ engine: LlmEngine.SGLANG, model: llm, mode, ...features(mode) }, ctx('chat')).objects,
  ...Object.fromEntries(Object.values(EmbeddingBackend).map(backend => [`embedding ${backend}`, (mode: ServingMode) =>
    renderEmbeddingService({ model: gte, backend, mode, ...(backend === EmbeddingBackend.VLLM ? { gpus: 1 } : {}), ...features(mode) }, ctx('emb')).objects])),
  'torchserve': mode => renderTorchServePredictor({ storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode, ...features(mode) }, ctx('ts')).objects,
};

describe.each(Object.values(ServingMode))('every engine in %s mode', mode => {
  test.each(Object.keys(OUTPUTS))('%s meets every contract', id => {
    expect(contractProblems(OUTPUTS[id](mode), mode === ServingMode.KSERVE_SERVERLESS ? DECLARED : [])).toEqual([]);
  });
});

describe('every example', () => {
  const built = Object.keys(EXAMPLES).map(id => ({ id, objects: Testing.synth(EXAMPLES[id](Testing.app())) as KubeObject[] }));
  test.each(built.map(b => [b.id, b] as const))('%s meets every contract (serverless: with the Knative flags it declares)', (_id, b) => {
    // the render guard already refused what the example's knativeFeatures do not cover; what remains must be unlockable
    const problems = contractProblems(b.objects, Object.values(KnativeFeature));
    expect(problems).toEqual([]);
  });
});

describe('mutations each contract catches', () => {
  const isvc = () => JSON.parse(JSON.stringify(OUTPUTS['vllm (KServe runtime in KServe modes)'](ServingMode.KSERVE_SERVERLESS))) as Json[];
  const predictorOf = (objs: Json[]) => objs.find(o => o.kind === 'InferenceService')!.spec.predictor;

  test('fsGroupChangePolicy on a serverless pod (even with the pod security context flag)', () => {
    const objs = isvc();
    predictorOf(objs).securityContext = { runAsNonRoot: true, fsGroup: 10001, fsGroupChangePolicy: 'OnRootMismatch' };
    expect(contractProblems(objs as KubeObject[], [...DECLARED, KnativeFeature.PODSPEC_SECURITY_CONTEXT]))
      .toEqual([expect.stringContaining('securityContext.fsGroupChangePolicy')]);
  });

  test('a GPU pool\'s affinity on a serverless pod without its flag', () => {
    const objs = isvc();
    predictorOf(objs).affinity = { nodeAffinity: {} };
    expect(contractProblems(objs as KubeObject[], DECLARED)).toEqual([expect.stringContaining('kubernetes.podspec-affinity')]);
  });

  test('an underscore-spelled vLLM flag through KServe', () => {
    const objs = isvc();
    predictorOf(objs).model.args.push('--max_num_seqs=8');
    expect(contractProblems(objs as KubeObject[], DECLARED)).toEqual([expect.stringContaining('spell it with dashes')]);
  });

  test('a flag the vLLM backend drops (--task) through KServe', () => {
    const objs = isvc();
    predictorOf(objs).model.args.push('--task=generate');
    expect(contractProblems(objs as KubeObject[], DECLARED)).toEqual([expect.stringContaining('dropped silently')]);
  });

  test('a UID below 10000, and a container without USER', () => {
    const objs = isvc();
    predictorOf(objs).model.securityContext.runAsUser = 1000;
    predictorOf(objs).model.env = predictorOf(objs).model.env.filter((e: Json) => e.name !== 'USER');
    expect(contractProblems(objs as KubeObject[], DECLARED)).toEqual([
      expect.stringContaining('UID/GID 1000/10001 below 10000'), expect.stringContaining('USER not set'),
    ]);
  });

  test('HOME on a read-only path', () => {
    const objs = isvc();
    const env = predictorOf(objs).model.env.find((e: Json) => e.name === 'HOME');
    env.value = '/opt/app';
    expect(contractProblems(objs as KubeObject[], DECLARED)).toEqual([expect.stringContaining('HOME /opt/app is not on a writable mount')]);
  });

  test.each(Object.values(ServingMode))('a flag prefix in extraArgs is refused as the flag it abbreviates (%s)', mode => {
    const run = (extraArgs: string[]) => () => renderVllmPredictor({ model: llm, mode, extraArgs, ...features(mode) }, ctx('chat'));
    expect(run(['--trust-remote'])).toThrow(ValidationError);
    expect(run(['--load-form=pt'])).toThrow('--load-format');
  });
});

describe('a locked flag, as each engine\'s parser would read it, is refused in extraArgs for every engine × mode', () => {
  /** The same renders as OUTPUTS, with extraArgs, and the engine each picks. */
  const WITH_ARGS: Record<string, (mode: ServingMode, extraArgs: string[]) => { engine: Engine }> = {
    'vllm (KServe runtime in KServe modes)': (mode, extraArgs) => renderVllmPredictor({ model: llm, mode, extraArgs, ...features(mode) }, ctx('chat')),
    'vllm with apiKey (upstream vLLM)': (mode, extraArgs) =>
      renderVllmPredictor({ model: llm, mode, extraArgs, apiKey: SecretRef.of('k', 'key'), ...features(mode) }, ctx('chat')),
    'sglang': (mode, extraArgs) => renderLlmPredictor({ engine: LlmEngine.SGLANG, model: llm, mode, extraArgs, ...features(mode) }, ctx('chat')),
    ...Object.fromEntries(Object.values(EmbeddingBackend).map(backend => [`embedding ${backend}`, (mode: ServingMode, extraArgs: string[]) =>
      renderEmbeddingService({ model: gte, backend, mode, extraArgs, ...(backend === EmbeddingBackend.VLLM ? { gpus: 1 } : {}), ...features(mode) },
        ctx('emb'))])),
    'torchserve': (mode, extraArgs) =>
      renderTorchServePredictor({ storageUri: 'pvc://model-store/resnet', models: ['resnet-18.mar'], mode, extraArgs, ...features(mode) }, ctx('ts')),
  };
  const cases = Object.values(ServingMode).flatMap(mode => Object.keys(WITH_ARGS).map(id => [mode, id] as const));
  test.each(cases)('%s: %s', (mode, id) => {
    const engine = WITH_ARGS[id](mode, []).engine;
    const cli = moduleOf(engine)!.cli;
    const owned = Object.keys(engine.ownedFlags).filter(f => f.startsWith('--') && f.length >= 10).sort()[0];
    // argparse with abbreviations reads a prefix as the flag; clap and click only the whole name
    const arg = cli.parser === 'argparse' && cli.allowAbbrev !== false ? owned.slice(0, -2) : owned;
    expect(() => WITH_ARGS[id](mode, [`${arg}=x`])).toThrow(ValidationError);
    // the message names the flag the engine would read (or says the prefix is ambiguous)
    expect(() => WITH_ARGS[id](mode, [`${arg}=x`])).toThrow(new RegExp(`(sets|is read by the engine as) ${owned}\\b|ambiguous abbreviation`));
  });
});
