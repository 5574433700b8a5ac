import type { KServeRuntimeBackend } from './kserve-runtime-args';
import { EnvVar, Probe } from '../kube';
import { HuggingFaceModel, ModelSource } from '../model';
import { ScratchDir } from '../pod-security';

/** What an engine module needs to know about one deployment. */
export interface EngineContext {
  /** Served model name (the construct name); clients send it as `model`. */
  readonly name: string;
  /** The Hub model; absent for constructs that serve a model store instead (TorchServe). */
  readonly model?: HuggingFaceModel;
  /** Local directory holding the weights inside the container. */
  readonly modelPath: string;
  /** GPUs per pod. */
  readonly gpus: number;
  /** Port the server listens on. */
  readonly port: number;
  /** Engine-specific tuning values, already validated by the construct. */
  readonly tuning: EngineTuning;
  /** Certificate files the server terminates TLS with (set only for engines with `tls`). */
  readonly tls?: TlsFiles;
  /** An API key is configured (engines that read it from a flag then get the flag). */
  readonly apiKey?: boolean;
}

/** PEM files of the serving certificate inside the container. */
export interface TlsFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** How an engine terminates TLS on its serving port. */
export interface EngineTls {
  /** Args that turn TLS on (empty when the engine's rendered config does it from `EngineContext.tls`). */
  readonly args: (files: TlsFiles) => string[];
  /** Where this was read (repository, tag, file). */
  readonly source: string;
}

/**
 * Engine-specific values a construct validated, for the engine's args and config. Each engine reads
 * the fields it knows; an unset field leaves the engine's own default.
 */
export interface EngineTuning {
  /** Context length in tokens (vLLM `--max-model-len`, KServe `--max_model_len`). */
  readonly maxModelLen?: number;
  /** Fraction of GPU memory the engine may use (vLLM `--gpu-memory-utilization`). */
  readonly gpuMemoryUtilization?: number;
  /** Weight and activation data type (vLLM `--dtype`). */
  readonly dtype?: string;
  /** Quantization method (vLLM `--quantization`). */
  readonly quantization?: string;
  /** Most sequences per batch (vLLM `--max-num-seqs`). */
  readonly maxNumSeqs?: number;
  /** Automatic prefix caching on or off (vLLM `--enable-prefix-caching` / `--no-enable-prefix-caching`). */
  readonly enablePrefixCaching?: boolean;
  /** Path of a chat template file inside the container (vLLM `--chat-template`). */
  readonly chatTemplatePath?: string;
  /** Pooling method (TEI `--pooling`). */
  readonly pooling?: string;
  /** Maximum batch size (Infinity `--batch-size`). */
  readonly batchSize?: number;
  /** Model archives to load at start (TorchServe `load_models`). */
  readonly models?: readonly string[];
  /** The run-time model API is on (TorchServe `enable_model_api`). */
  readonly modelApi?: boolean;
  /**
   * KServe runtime with `--backend=vllm`: the startup probe passes only when the vLLM backend was
   * loaded (false: the runtime's silent Hugging Face fallback is accepted).
   */
  readonly vllmBackendCheck?: boolean;
}

/**
 * How an engine is told each supply-chain decision. One table per engine module, so adding an
 * engine is adding one module.
 */
export interface SupplyChainSwitches {
  /** Args that point the server at the local model directory and name it. */
  readonly modelArgs: (ctx: EngineContext) => string[];
  /** Args for running (`on`) or refusing (`off`) repository code. */
  readonly trustRemoteCode: { readonly on: readonly string[]; readonly off: readonly string[] };
  /** Args that pin model, code and tokenizer to one commit (emitted with trustRemoteCode). */
  readonly pinRevisions: (commit: string) => string[];
  /** Args that restrict loading to safetensors (omitted with allowPickleWeights). */
  readonly safetensorsOnly: readonly string[];
  /**
   * Environment variable carrying the API key: the engine reads it itself, or, with `apiKeyFlag`,
   * Kubernetes expands it into that flag (`--api-key=$(NAME)`); undefined if the engine has no API key.
   */
  readonly apiKeyEnv?: string;
  /** Flag the engine reads its API key from, when it reads no env (the value is `$(apiKeyEnv)`). */
  readonly apiKeyFlag?: string;
  /** Environment that keeps the engine offline when the weights are local. */
  readonly offlineEnv: readonly EnvVar[];
  /** Environment that turns the engine's own telemetry off. */
  readonly telemetryEnv: readonly EnvVar[];
}

/** Routes the library probes, scrapes and reports. */
export interface EngineRoutes {
  /** Startup probe path (answers once the model is loaded). */
  readonly startup: (ctx: EngineContext) => string;
  /** Readiness probe path. */
  readonly readiness: (ctx: EngineContext) => string;
  /** Liveness probe path. */
  readonly liveness: (ctx: EngineContext) => string;
  /** Prometheus metrics path. */
  readonly metrics: string;
  /** Base path of the OpenAI-compatible API. */
  readonly openaiBase: string;
  /** The engine's own routes beyond OpenAI's, by name (e.g. TEI's `embed: '/embed'`). */
  readonly native?: (ctx: Pick<EngineContext, 'name'>) => Readonly<Record<string, string>>;
}

/** The KServe ServingRuntime an engine runs as (absent: the engine runs as a custom predictor container). */
export interface KServeRuntime {
  readonly modelFormat: string;
  readonly runtime: string;
  /** `runtimeVersion` (image tag) for a GPU count. */
  readonly runtimeVersion: (gpus: number) => string;
}

/**
 * The Prometheus metrics an engine exports, as data: what autoscalers may scale on and what the
 * alert rules read. Every name is the engine's own (see the engine module for the source).
 */
export interface EngineMetrics {
  /** Gauge of requests waiting for a slot: the default autoscaling signal. */
  readonly queue: string;
  /** Gauges an autoscaler may scale on, each with its default target per replica (undefined: the user gives one). */
  readonly scaling: Readonly<Record<string, number | undefined>>;
  /** Histogram (seconds) of end-to-end request latency; `_bucket` series are read. */
  readonly latencySeconds: string;
  /**
   * Request counters: `total` counts every finished request; `failed` is the series of failed ones,
   * as a metric name plus an optional label matcher (vLLM: one counter with a label; TEI: its own counter).
   */
  readonly requests: { readonly total: string; readonly failed: { readonly metric: string; readonly matcher?: string } };
}

/** Flags that split a model over GPUs; checked against the GPU count. */
export interface ParallelismFlags {
  /** Spellings of the tensor-parallel size flag (set by the construct from `gpus`). */
  readonly tensor: readonly string[];
  /** Spellings of the pipeline-parallel size flag. */
  readonly pipeline: readonly string[];
}

/** An engine as data: image, port, routes, flags, environment and writable paths. */
export interface Engine {
  /** Stable id, e.g. `vllm`. */
  readonly id: string;
  /** Default image for a GPU count (pinned tag). */
  readonly image: (gpus: number) => string;
  /** Set when the engine is a KServe runtime; then `image` is only reported, KServe picks it by `runtimeVersion`. */
  readonly kserveRuntime?: KServeRuntime;
  /** Port the engine listens on by default. */
  readonly defaultPort: number;
  /** Container command, when the image entrypoint is not what we want. */
  readonly command?: (ctx: EngineContext) => string[];
  /** Args that set host/port, when the engine needs them. */
  readonly listenArgs: (ctx: EngineContext) => string[];
  /** Probe, metrics and API routes. */
  readonly routes: EngineRoutes;
  /** Supply-chain switches. */
  readonly switches: SupplyChainSwitches;
  /** Engine tuning args from validated construct props. */
  readonly tuningArgs: (ctx: EngineContext) => string[];
  /** TLS on the serving port; absent: the engine serves plain HTTP only. */
  readonly tls?: EngineTls;
  /** Writable cache directories the engine needs with a read-only root filesystem. */
  readonly scratch: readonly ScratchDir[];
  /**
   * Flags the construct sets itself, each with the prop that owns it (`null`: no prop, the construct
   * always sets it); `extraArgs` may not repeat them. Compared after folding `_` to `-`.
   */
  readonly ownedFlags: OwnedFlags;
  /** Fewest GPUs the image runs with (a CUDA-only image needs 1). @default 0 */
  readonly minGpus?: number;
  /**
   * Args that make the engine load the model and exit (a cache Job runs them to prove the cached files
   * load before the cache is marked complete); undefined if the engine has no such mode.
   */
  readonly preloadArgs?: readonly string[];
  /**
   * KServe's Hugging Face runtime only: the `--backend` this profile asks for; `extraArgs` are checked
   * against what that backend's parse stages keep (see `kserve-runtime-args.ts`).
   */
  readonly kserveRuntimeBackend?: KServeRuntimeBackend;
  /** Prometheus metrics the engine exports on `routes.metrics`; undefined if it exports none we use. */
  readonly metrics?: EngineMetrics;
  /** Model-parallel flags; undefined if the engine has none. */
  readonly parallelism?: ParallelismFlags;
  /** Environment the engine always gets (e.g. a log level that keeps a key out of the logs). */
  readonly env?: readonly EnvVar[];
  /** Working directory, when the engine writes files into it (must be a scratch directory). */
  readonly workingDir?: string;
  /** Probe handlers, when HTTP probes on `routes` cannot work (e.g. every route needs a token). */
  readonly probeHandlers?: (ctx: EngineContext) => {
    readonly startup: ProbeHandler; readonly readiness: ProbeHandler; readonly liveness: ProbeHandler;
  };
  /** Configuration files rendered into a ConfigMap `<name>-config`, mounted read-only at `mountPath`. */
  readonly configFiles?: (ctx: EngineContext) => { readonly mountPath: string; readonly files: Readonly<Record<string, string>> };
}

/** Flag (dashed, lower case) → the prop that owns it, or `null` when the construct always sets it. */
export type OwnedFlags = Readonly<Record<string, string | null>>;

/**
 * How an engine's command line is parsed, so flag locks can match what the engine itself would accept.
 * - `argparse`: Python argparse; with `allowAbbrev` (argparse's default) any unambiguous prefix of a
 *   long flag selects it; `--flag=value` and `--flag value` both work; the last occurrence wins.
 * - `clap`: Rust clap; long flags match exactly (no prefixes unless `infer_long_args`, not set).
 * - `click`: Python click (typer); long flags match exactly.
 */
export interface EngineCli {
  readonly parser: 'argparse' | 'clap' | 'click';
  /** argparse only: unambiguous prefixes of long flags are accepted. */
  readonly allowAbbrev?: boolean;
  /** The parser treats `_` and `-` in a flag name alike. */
  readonly underscoreIsDash?: boolean;
  /** Where this was read: repository, file, commit or tag. */
  readonly source: string;
}

/** A setting that re-opens what the library closes: refused by the constructs, reported by `checkManifests`. */
export interface ForbiddenSwitch {
  /** Flag (`--x`) or environment variable name. */
  readonly name: string;
  /** `on`: refused when set to a true value; `set`: refused when present at all. @default 'on' */
  readonly when?: 'on' | 'set';
  /** Flag only: refused only with one of these values (e.g. `--tool-server demo`). */
  readonly values?: readonly string[];
  /** What it opens, completing "is refused because it ...". */
  readonly why: string;
  /** The policy finding when present, e.g. `VLLM_SERVER_DEV_MODE is on`. */
  readonly finding: string;
}

/**
 * How a policy check recognises a container of this engine and where the engine reads its
 * security settings. Data only.
 */
export interface EngineSignature {
  /** The engine module's id (`vllm`, `tei`, ...). */
  readonly engine: string;
  /** Image repositories (registry prefix allowed). */
  readonly images: readonly string[];
  /** Executables or Python modules in `command`/`args`. */
  readonly commands: readonly string[];
  /** `modelFormat.name` of an InferenceService `model` served by this engine's KServe runtime. */
  readonly modelFormats: readonly string[];
  /** InferenceService framework key (`huggingface`, `pytorch`) served by this engine's runtime. */
  readonly frameworkKeys: readonly string[];
  /** Flags naming the model; `positionalAfter` is the sub-command followed by the model (`vllm serve <model>`). */
  readonly model: {
    readonly flags: readonly string[]; readonly env: readonly string[]; readonly positionalAfter?: string; readonly localDirFlags?: readonly string[];
  };
  /** Revision flags / env: model weights, remote code, tokenizer. */
  readonly revision: {
    readonly flags: readonly string[]; readonly env: readonly string[]; readonly code: readonly string[]; readonly tokenizer: readonly string[];
  };
  /** Remote code switches; `defaultOn` when the engine trusts remote code unless told not to. */
  readonly remoteCode?: { readonly on: readonly string[]; readonly off: readonly string[]; readonly env?: string; readonly defaultOn: boolean };
  /**
   * Flag choosing the weight loader, and when its default (`auto`) falls back to pickle files:
   * always (`true`), or only when another flag has a value (KServe's runtime with `--backend vllm`).
   */
  readonly loadFormat?: { readonly flag: string; readonly pickleByDefault: true | { readonly flag: string; readonly value: string } };
  /** API authentication: flags and env that carry the key. */
  readonly apiKey?: { readonly flags: readonly string[]; readonly env: readonly string[] };
  /** Built-in token authorization (on unless switched off) and the switches that turn it off. */
  readonly tokenAuth?: { readonly name: string; readonly disableFlags: readonly string[]; readonly disableEnv: readonly string[] };
  /** A run-time model-management API (off unless switched on) and the switches that turn it on. */
  readonly modelApi?: { readonly enableFlags: readonly string[]; readonly enableEnv: readonly string[] };
  /** Environment that replaces the engine's configuration file. */
  readonly configEnv?: readonly string[];
  /** Telemetry env this engine needs on top of `HF_HUB_DISABLE_TELEMETRY=1` and `DO_NOT_TRACK=1`. */
  readonly telemetry: Readonly<Record<string, string>>;
  /** True if the image is a GPU build that must get a GPU. */
  readonly needsGpu: boolean;
  /** Oldest image release with the fixes for the advisories in the security notes, if known. */
  readonly minimumVersion?: string;
}

/**
 * Everything the library knows of one engine: its images, how its CLI parses flags, how policy
 * checks recognise it, the settings it refuses, the flags and env that carry secrets, and the
 * render profiles (one {@link Engine} per way the library runs it). A registry lists the modules;
 * construct validation and `checkManifests` both read them.
 */
export interface EngineModule {
  /** Stable id, e.g. `vllm`. */
  readonly id: string;
  /** Pinned images, by name (rows of the library's image table). */
  readonly images: Readonly<Record<string, string>>;
  /** How the engine parses its command line. */
  readonly cli: EngineCli;
  /** How a policy check recognises a container of this engine. */
  readonly signature: EngineSignature;
  /** Flags and env that re-open what the library closes. */
  readonly forbidden: readonly ForbiddenSwitch[];
  /**
   * Flags and env that carry a credential (never a literal value); `hubTokenFlags` are those of
   * `flags` that hand the process a Hugging Face Hub token.
   */
  readonly secrets: { readonly flags: readonly string[]; readonly env: readonly string[]; readonly hubTokenFlags: readonly string[] };
  /** The ways the library runs this engine. */
  readonly profiles: readonly Engine[];
}

/** The action of a probe (one of HTTP GET, TCP connect, exec). */
export type ProbeHandler = Pick<Probe, 'httpGet' | 'tcpSocket' | 'exec'>;

/** The full argument list an engine gets (before the user's `extraArgs`). */
export function engineArgs(engine: Engine, ctx: EngineContext): string[] {
  const s = engine.switches;
  const trust = ctx.model?.trustRemoteCode ?? false;
  return [
    ...s.modelArgs(ctx),
    ...engine.listenArgs(ctx),
    ...(trust ? s.trustRemoteCode.on : s.trustRemoteCode.off),
    // only a Hub model has a commit to pin the code to; storage and image models are pinned by digests
    ...(trust && ctx.model?.source === ModelSource.HUB ? s.pinRevisions(ctx.model.revision) : []),
    ...(ctx.model?.allowPickleWeights ? [] : s.safetensorsOnly),
    ...(ctx.apiKey && s.apiKeyFlag && s.apiKeyEnv ? [`${s.apiKeyFlag}=$(${s.apiKeyEnv})`] : []),
    ...engine.tuningArgs(ctx),
  ];
}

/** Normalized flag name of an argument (`--Foo_Bar=1` becomes `--foo-bar`), or undefined for a value. */
export function flagName(arg: string): string | undefined {
  if (!arg.startsWith('-')) return undefined;
  return arg.split('=')[0].toLowerCase().replace(/_/g, '-');
}

/** `--flag=value` when value is set. */
export function opt(flag: string, value: string | number | boolean | undefined): string[] {
  return value === undefined ? [] : [`${flag}=${value}`];
}
