import { argv, ContainerRef, envValue, flagValues, imageRepository, isObject, Json } from './manifest';

/** Serving engines the ML checks know. */
export type EngineName = 'vllm' | 'kserve-huggingface' | 'tei' | 'infinity' | 'torchserve';

/** How one engine is recognised in a container and where it reads its security settings. Data only. */
export interface EngineSignature {
  readonly engine: EngineName;
  /** Image repositories (registry prefix allowed). */
  readonly images: readonly string[];
  /** Executables or Python modules in `command`/`args`. */
  readonly commands: readonly string[];
  /** `modelFormat.name` of an InferenceService `model` served by this engine's KServe runtime. */
  readonly modelFormats: readonly string[];
  /** InferenceService framework key (`huggingface`, `pytorch`) served by this engine's runtime. */
  readonly frameworkKeys: readonly string[];
  /** Flags naming the model; `positionalAfter` is the sub-command followed by the model (`vllm serve <model>`). */
  readonly model: { readonly flags: readonly string[]; readonly env: readonly string[]; readonly positionalAfter?: string; readonly localDirFlags?: readonly string[] };
  /** Revision flags / env: model weights, remote code, tokenizer. */
  readonly revision: { readonly flags: readonly string[]; readonly env: readonly string[]; readonly code: readonly string[]; readonly tokenizer: readonly string[] };
  /** Remote code switches; `defaultOn` when the engine trusts remote code unless told not to. */
  readonly remoteCode?: { readonly on: readonly string[]; readonly off: readonly string[]; readonly env?: string; readonly defaultOn: boolean };
  /** Flag choosing the weight loader (vLLM `--load-format`). */
  readonly loadFormatFlag?: string;
  /** API authentication: flags and env that carry the key. */
  readonly apiKey?: { readonly flags: readonly string[]; readonly env: readonly string[] };
  /** Telemetry env this engine needs on top of `HF_HUB_DISABLE_TELEMETRY=1` and `DO_NOT_TRACK=1`. */
  readonly telemetry: Readonly<Record<string, string>>;
  /** True if the image is a GPU build that must get a GPU. */
  readonly needsGpu: boolean;
  /** Oldest image release with the fixes for the advisories in the security notes, if known. */
  readonly minimumVersion?: string;
}

/** The engines, as data. Flags and env names come from the engines' CLI references (see docs/policy-checks.md). */
export const ENGINE_SIGNATURES: readonly EngineSignature[] = [
  {
    engine: 'vllm',
    images: ['vllm/vllm-openai'],
    commands: ['vllm', 'vllm.entrypoints.openai.api_server'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model'], env: [], positionalAfter: 'serve' },
    revision: { flags: ['--revision'], env: [], code: ['--code-revision'], tokenizer: ['--tokenizer-revision'] },
    remoteCode: { on: ['--trust-remote-code'], off: [], defaultOn: false },
    loadFormatFlag: '--load-format',
    apiKey: { flags: ['--api-key'], env: ['VLLM_API_KEY'] },
    telemetry: { VLLM_NO_USAGE_STATS: '1' },
    needsGpu: true,
    // 0.11.0: media URL SSRF fix (CVE-2025-6242) and constant-time API key comparison
    minimumVersion: '0.11.0',
  },
  {
    engine: 'kserve-huggingface',
    images: ['kserve/huggingfaceserver'],
    commands: ['huggingfaceserver'],
    modelFormats: ['huggingface'],
    frameworkKeys: ['huggingface'],
    model: { flags: ['--model_id'], env: [], localDirFlags: ['--model_dir'] },
    revision: { flags: ['--model_revision'], env: [], code: ['--code-revision'], tokenizer: ['--tokenizer_revision'] },
    remoteCode: { on: ['--trust_remote_code'], off: [], defaultOn: false },
    loadFormatFlag: '--load-format',
    telemetry: {},
    needsGpu: false,
  },
  {
    engine: 'tei',
    images: ['ghcr.io/huggingface/text-embeddings-inference'],
    commands: ['text-embeddings-router'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model-id'], env: ['MODEL_ID'] },
    revision: { flags: ['--revision'], env: ['REVISION'], code: [], tokenizer: [] },
    apiKey: { flags: ['--api-key'], env: ['API_KEY'] },
    telemetry: {},
    needsGpu: false,
  },
  {
    engine: 'infinity',
    images: ['michaelf34/infinity'],
    commands: ['infinity_emb'],
    modelFormats: [],
    frameworkKeys: [],
    model: { flags: ['--model-id'], env: ['INFINITY_MODEL_ID'] },
    revision: { flags: ['--revision'], env: ['INFINITY_REVISION'], code: [], tokenizer: [] },
    remoteCode: { on: ['--trust-remote-code'], off: ['--no-trust-remote-code'], env: 'INFINITY_TRUST_REMOTE_CODE', defaultOn: true },
    apiKey: { flags: ['--api-key'], env: ['INFINITY_API_KEY'] },
    telemetry: { INFINITY_ANONYMOUS_USAGE_STATS: '0' },
    needsGpu: false,
  },
  {
    engine: 'torchserve',
    images: ['pytorch/torchserve', 'pytorch/torchserve-kfs'],
    commands: ['torchserve'],
    modelFormats: ['pytorch'],
    frameworkKeys: ['pytorch'],
    model: { flags: [], env: [] },
    revision: { flags: [], env: [], code: [], tokenizer: [] },
    telemetry: {},
    needsGpu: false,
    // 0.11.1: token authorization and model API control on by default, also for gRPC
    minimumVersion: '0.11.1',
  },
];

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
  const image = typeof c.spec.image === 'string' ? imageRepository(c.spec.image) : undefined;
  const format = isObject(c.spec.modelFormat) ? String(c.spec.modelFormat.name ?? '').toLowerCase() : undefined;
  const names = commandNames(c.spec);
  return ENGINE_SIGNATURES.find(e => image !== undefined && e.images.some(i => image === i || image.endsWith(`/${i}`)))
    ?? ENGINE_SIGNATURES.find(e => (format !== undefined && e.modelFormats.includes(format)) || (c.key !== undefined && e.frameworkKeys.includes(c.key)))
    ?? ENGINE_SIGNATURES.find(e => e.commands.some(cmd => names.includes(cmd)));
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
