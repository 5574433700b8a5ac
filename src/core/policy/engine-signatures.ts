import { EngineSignature } from '../engines/engine';
import { ENGINE_MODULES } from '../engines/registry';
import { argv, ContainerRef, envValue, flagValues, imageRepository, isObject, Json } from './manifest';

export type { EngineSignature };

/** The signatures of every engine module, in the registry's order of recognition. */
const SIGNATURES: readonly EngineSignature[] = ENGINE_MODULES.map(m => m.signature);

/**
 * Executables and modules a container starts: the base names of `command` (or of the first arg
 * when there is no command) and the module after `-m`. Flag values are not included, so
 * `--backend vllm` does not make a KServe container a vLLM one.
 */
function commandNames(c: Json): string[] {
  const command = Array.isArray(c.command) ? c.command.map(String) : [];
  const args = Array.isArray(c.args) ? c.args.map(String) : [];
  const starts = command.length > 0 ? command : args.slice(0, 1);
  const tokens = argv(c);
  const modules = tokens.flatMap((t, i) => (t === '-m' && i + 1 < tokens.length ? [tokens[i + 1]] : []));
  return [...starts.map(t => t.split('/').pop() ?? t), ...modules];
}

/**
 * The engine a container runs: by image repository first, then by InferenceService model format or
 * framework key, then by the command it starts.
 */
export function engineOf(c: ContainerRef): EngineSignature | undefined {
  if (ENGINES.has(c)) return ENGINES.get(c) ?? undefined;
  const engine = recognise(c);
  ENGINES.set(c, engine ?? null);
  return engine;
}

/** Per container of one check run (several checks ask; the manifest does not change). */
const ENGINES = new WeakMap<ContainerRef, EngineSignature | null>();

function recognise(c: ContainerRef): EngineSignature | undefined {
  const image = typeof c.spec.image === 'string' ? imageRepository(c.spec.image) : undefined;
  const format = isObject(c.spec.modelFormat) ? String(c.spec.modelFormat.name ?? '').toLowerCase() : undefined;
  const names = commandNames(c.spec);
  return SIGNATURES.find(e => image !== undefined && e.images.some(i => image === i || image.endsWith(`/${i}`)))
    ?? SIGNATURES.find(e => (format !== undefined && e.modelFormats.includes(format)) || (c.key !== undefined && e.frameworkKeys.includes(c.key)))
    ?? SIGNATURES.find(e => e.commands.some(cmd => names.includes(cmd)));
}

/** First value of any of these flags or env vars. */
export function setting(c: Json, flags: readonly string[], env: readonly string[] = []): string | undefined {
  for (const f of flags) {
    const v = flagValues(c, f);
    if (v.length > 0) return v[v.length - 1];
  }
  for (const e of env) {
    const v = envValue(c, e);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The model the container serves (Hub id or local path), if named in its args/env. */
export function servedModel(c: Json, e: EngineSignature): string | undefined {
  const named = setting(c, e.model.flags, e.model.env);
  if (named !== undefined) return named;
  if (e.model.positionalAfter) {
    const tokens = argv(c);
    const i = tokens.indexOf(e.model.positionalAfter);
    if (i >= 0 && i + 1 < tokens.length && !tokens[i + 1].startsWith('-')) return tokens[i + 1];
  }
  return e.model.localDirFlags ? setting(c, e.model.localDirFlags) : undefined;
}

/** True for a model reference that is a local directory rather than a Hub id. */
export function isLocalPath(model: string): boolean {
  return model.startsWith('/') || model.startsWith('./');
}
