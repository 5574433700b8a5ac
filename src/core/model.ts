import { ValidationError } from './errors';

/** Options of {@link HuggingFaceModel.fromHub}. */
export interface HubModelOptions {
  /**
   * The commit of the model repository to serve: a full 40-hex commit id.
   *
   * A branch or tag is accepted only with `allowUnpinnedRevision: true`.
   * @default - none; a missing revision is refused
   */
  readonly revision?: string;
  /**
   * Accept a branch or tag as `revision`. The served weights can then change without a deploy;
   * never allowed together with `trustRemoteCode`.
   * @default false
   */
  readonly allowUnpinnedRevision?: boolean;
  /**
   * Run the Python code shipped in the model repository (`trust_remote_code`).
   * Requires a pinned revision; the code and tokenizer revisions are pinned to the same commit.
   * @default false
   */
  readonly trustRemoteCode?: boolean;
  /**
   * Allow pickle weight files (`*.bin`, `*.pt`, `*.pth`) to be downloaded and loaded.
   * Pickle runs code on load; the policy checks flag every object that allows it.
   * @default false - safetensors only
   */
  readonly allowPickleWeights?: boolean;
  /**
   * SHA-256 digests of files in the repository (`{ 'model.safetensors': '<64 hex>' }`), verified by
   * the download step before any server starts. For LFS files the Hub shows this digest as the oid.
   * @default - no integrity check beyond the pinned commit
   */
  readonly sha256?: Readonly<Record<string, string>>;
  /**
   * A Hub endpoint to download from instead of huggingface.co (a private mirror), as `HF_ENDPOINT`.
   * @default - the public Hub
   */
  readonly hubEndpoint?: string;
}

/** Options of {@link HuggingFaceModel.fromStorage}. */
export interface StorageModelOptions {
  /**
   * Run the Python code shipped with the model (`trust_remote_code`). Requires `sha256` digests.
   * @default false
   */
  readonly trustRemoteCode?: boolean;
  /**
   * Allow pickle weight files (`*.bin`, `*.pt`, `*.pth`) to be loaded.
   * @default false - safetensors only
   */
  readonly allowPickleWeights?: boolean;
  /**
   * SHA-256 digests of files under the URI (`{ 'model.safetensors': '<64 hex>' }`), verified before any
   * server starts. A bucket path or a claim can change under the same name: the digests are the pin
   * (KServe's storage initializer reads the live object, not an object version or generation).
   * @default - none; refused unless `allowUnverified`
   */
  readonly sha256?: Readonly<Record<string, string>>;
  /**
   * Serve whatever the URI holds at start-up, without digests. Never allowed with `trustRemoteCode`.
   * @default false
   */
  readonly allowUnverified?: boolean;
}

/** Where a model's files come from. */
export enum ModelSource {
  /** A Hugging Face Hub repository at a commit (`hf://`). */
  HUB = 'hub',
  /** An object store or claim: `s3://`, `gs://`, `pvc://`. */
  STORAGE = 'storage',
  /** An OCI image holding the files, pinned by digest (KServe `oci://` modelcar, Kubernetes image volume). */
  IMAGE = 'image',
}

/** A model: a Hub repository pinned to a revision, files in storage pinned by digests, or an OCI image pinned by digest. */
export class HuggingFaceModel {
  /**
   * A model on the Hub, e.g. `HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '<40-hex commit>' })`.
   * The id and options are validated by the construct that uses the model, with its path in the error.
   */
  public static fromHub(id: string, options: HubModelOptions = {}): HuggingFaceModel {
    return new HuggingFaceModel(id, options);
  }

  /**
   * Model files in an object store or a claim: `s3://bucket/path`, `gs://bucket/path` or
   * `pvc://claim/path`, pinned by `sha256` digests of its files (or explicitly `allowUnverified`).
   * Cloud credentials come from the pod's identity (`serviceAccount` annotations: IRSA, Workload Identity).
   */
  public static fromStorage(uri: string, options: StorageModelOptions = {}): HuggingFaceModel {
    return new HuggingFaceModel(uri, {
      trustRemoteCode: options.trustRemoteCode, allowPickleWeights: options.allowPickleWeights, sha256: options.sha256,
      allowUnpinnedRevision: options.allowUnverified,
    }, ModelSource.STORAGE);
  }

  /**
   * Model files in an OCI image, `registry/repo@sha256:<64 hex>` (a tag alone is refused): KServe
   * mounts it as a modelcar (`oci://`), a Deployment as a Kubernetes image volume.
   */
  public static fromImage(reference: string, options: Pick<StorageModelOptions, 'trustRemoteCode' | 'allowPickleWeights'> = {}): HuggingFaceModel {
    const digest = typeof reference === 'string' && reference.includes('@') ? reference.slice(reference.indexOf('@') + 1) : '';
    const opts = { revision: digest, trustRemoteCode: options.trustRemoteCode, allowPickleWeights: options.allowPickleWeights };
    return new HuggingFaceModel(reference, opts, ModelSource.IMAGE);
  }

  /** Where the files come from. */
  public readonly source: ModelSource;
  /** Hub repository id, `owner/name`. */
  public readonly id: string;
  /** Revision (commit) to serve. */
  public readonly revision: string;
  /** Whether the repository's own Python code may run. */
  public readonly trustRemoteCode: boolean;
  /** Whether a branch or tag was accepted as revision. */
  public readonly allowUnpinnedRevision: boolean;
  /** Whether pickle weights are allowed. */
  public readonly allowPickleWeights: boolean;
  /** File digests verified before serving. */
  public readonly sha256: Readonly<Record<string, string>>;
  /** Hub endpoint (mirror), if any. */
  public readonly hubEndpoint?: string;

  private constructor(id: string, options: HubModelOptions, source: ModelSource = ModelSource.HUB) {
    this.source = source;
    this.id = id;
    this.revision = options.revision ?? '';
    this.trustRemoteCode = options.trustRemoteCode ?? false;
    this.allowUnpinnedRevision = options.allowUnpinnedRevision ?? false;
    this.allowPickleWeights = options.allowPickleWeights ?? false;
    this.sha256 = { ...(options.sha256 ?? {}) };
    this.hubEndpoint = options.hubEndpoint;
  }

  /** KServe storage URI: `hf://owner/name:revision`, the `s3://`/`gs://`/`pvc://` URI, or `oci://<image>`. */
  public get storageUri(): string {
    if (this.source === ModelSource.STORAGE) return this.id;
    if (this.source === ModelSource.IMAGE) return `oci://${this.id}`;
    return `hf://${this.id}:${this.revision}`;
  }

  /** True if the content is pinned: a full commit id (Hub), file digests (storage), an image digest (image). */
  public get isPinned(): boolean {
    if (this.source === ModelSource.STORAGE) return Object.keys(this.sha256).length > 0;
    if (this.source === ModelSource.IMAGE) return /^sha256:[0-9a-f]{64}$/.test(this.revision);
    return COMMIT.test(this.revision);
  }

  /** Whether `other` names the same files at the same pin. */
  public sameAs(other: HuggingFaceModel): boolean {
    return other.source === this.source && other.id === this.id && other.revision === this.revision
      && JSON.stringify(other.sha256) === JSON.stringify(this.sha256);
  }

  /**
   * File patterns the download step may fetch: safetensors weights, JSON configs, tokenizer files
   * and chat templates; Python files only with `trustRemoteCode`; pickle weights only with
   * `allowPickleWeights`.
   */
  public get allowPatterns(): string[] {
    return [
      ...SAFE_PATTERNS,
      ...(this.trustRemoteCode ? ['*.py'] : []),
      ...(this.allowPickleWeights ? PICKLE_PATTERNS : []),
    ];
  }
}

/** A full Hub commit id (huggingface_hub `REGEX_COMMIT_HASH`). */
export const COMMIT = /^[0-9a-f]{40}$/;
/** Files that never run code when loaded. */
export const SAFE_PATTERNS: readonly string[] = ['*.safetensors', '*.json', 'tokenizer*', '*.txt', '*.model', '*.tiktoken', '*.jinja'];
/** Pickle weight files: loading them can run code. */
export const PICKLE_PATTERNS: readonly string[] = ['*.bin', '*.pt', '*.pth', '*.pkl'];

const HUB_PART = /^[A-Za-z0-9._-]{1,96}$/;
const BRANCH = /^[A-Za-z0-9._/-]{1,200}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const HUB_RULES = 'use the Hub id "owner/name" (letters, digits, ".", "_", "-"; no "..", "--", leading or trailing "." or "-")';

/** Validate a model against the Hub's rules and the library's pinning rules. Throws ValidationError. */
export function validateModel(model: HuggingFaceModel, path: string, field = 'model'): void {
  if (!(model instanceof HuggingFaceModel)) {
    throw new ValidationError(path, field, model, 'is not a HuggingFaceModel', 'create it with HuggingFaceModel.fromHub(id, { revision })');
  }
  if (model.source === ModelSource.STORAGE) return validateStorageModel(model, path, field);
  if (model.source === ModelSource.IMAGE) return validateImageModel(model, path, field);
  validateHubId(model.id, path, `${field}.id`);
  const rev = model.revision;
  if (rev === '') {
    throw new ValidationError(path, `${field}.revision`, undefined, 'is missing',
      'pin the model to a 40-hex commit id from the model\'s commit history on the Hub');
  }
  if (!model.isPinned) {
    if (model.trustRemoteCode) {
      throw new ValidationError(path, `${field}.revision`, rev, 'is not a pinned commit',
        'trustRemoteCode needs a 40-hex commit id (see the model\'s commit history on the Hub)');
    }
    if (/^[0-9a-f]{7,39}$/i.test(rev) || /^[0-9A-F]{40}$/.test(rev)) {
      throw new ValidationError(path, `${field}.revision`, rev, 'is a short or upper-case commit id',
        'use the full 40-character lower-case commit id');
    }
    if (!model.allowUnpinnedRevision) {
      throw new ValidationError(path, `${field}.revision`, rev, 'is not a pinned commit',
        'use a 40-hex commit id, or set allowUnpinnedRevision: true to accept a branch or tag that can change under you');
    }
    if (!BRANCH.test(rev) || rev.includes('..') || rev.startsWith('/') || rev.endsWith('/')) {
      throw new ValidationError(path, `${field}.revision`, rev, 'is not a valid branch, tag or commit', 'use a 40-hex commit id');
    }
  }
  for (const [file, digest] of Object.entries(model.sha256)) {
    validateIntegrityEntry(model, file, digest, path, `${field}.sha256`);
  }
  if (model.hubEndpoint !== undefined && !/^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s]*)?$/.test(model.hubEndpoint)) {
    throw new ValidationError(path, `${field}.hubEndpoint`, model.hubEndpoint, 'is not an https URL',
      'give the mirror as https://host[:port][/path]');
  }
}

/** `s3://bucket/key`, `gs://bucket/path` (bucket names per the stores' rules) or `pvc://claim/path`. */
const STORAGE_URI = /^(s3|gs):\/\/([a-z0-9][a-z0-9._-]{1,61}[a-z0-9])(\/[A-Za-z0-9._\-/]*)?$/;
const PVC_MODEL_URI = /^pvc:\/\/([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?)((\/[A-Za-z0-9._-]+)*)\/?$/;
/** An image reference pinned by digest (the tag, if any, is informational). */
const IMAGE_BY_DIGEST = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?@sha256:[0-9a-f]{64}$/;

function validateStorageModel(model: HuggingFaceModel, path: string, field: string): void {
  const uri = model.id;
  if (typeof uri !== 'string' || !(STORAGE_URI.test(uri) || PVC_MODEL_URI.test(uri)) || uri.split('/').some(p => p === '..' || p === '.')) {
    throw new ValidationError(path, `${field}.uri`, uri, 'is not a model storage URI', 'give s3://bucket/path, gs://bucket/path or pvc://claim/path');
  }
  if (!model.isPinned) {
    if (model.trustRemoteCode) {
      throw new ValidationError(path, `${field}.sha256`, undefined, 'is missing, and trustRemoteCode runs the code found under the URI',
        'give sha256 digests of the files (weights and *.py) so the content is pinned');
    }
    if (!model.allowUnpinnedRevision) {
      throw new ValidationError(path, `${field}.sha256`, undefined, 'is missing: the files under a storage path can change without a deploy',
        'give sha256 digests of the weight files (sha256sum <file>), or set allowUnverified: true');
    }
  }
  for (const [file, digest] of Object.entries(model.sha256)) {
    validateIntegrityEntry(model, file, digest, path, `${field}.sha256`);
  }
}

function validateImageModel(model: HuggingFaceModel, path: string, field: string): void {
  if (typeof model.id !== 'string' || !IMAGE_BY_DIGEST.test(model.id)) {
    throw new ValidationError(path, `${field}.image`, model.id, 'is not an image reference pinned by digest',
      'give registry/repository@sha256:<64 hex> (a tag can be moved; a digest cannot)');
  }
}

function validateHubId(id: string, path: string, field: string): void {
  if (typeof id !== 'string' || id.length === 0) {
    throw new ValidationError(path, field, id, 'is empty', HUB_RULES);
  }
  const parts = id.split('/');
  const bad = parts.length !== 2
    || id.includes('..') || id.includes('--') || id.endsWith('.git')
    || parts.some(p => !HUB_PART.test(p) || /^[.-]/.test(p) || /[.-]$/.test(p));
  if (bad) {
    throw new ValidationError(path, field, id, 'is not a valid Hub model id', HUB_RULES);
  }
}

function validateIntegrityEntry(model: HuggingFaceModel, file: string, digest: string, path: string, field: string): void {
  if (file.length === 0 || file.startsWith('/') || file.split('/').some(p => p === '..' || p === '.' || p === '') || /[\s'"\\$`]/.test(file)) {
    throw new ValidationError(path, `${field}["${file}"]`, file, 'is not a relative file path inside the repository',
      'name the file as it appears in the repository, e.g. "model.safetensors"');
  }
  if (typeof digest !== 'string' || !SHA256.test(digest)) {
    throw new ValidationError(path, `${field}["${file}"]`, digest, 'is not a SHA-256 digest',
      'give 64 lower-case hex characters (the LFS oid shown on the Hub)');
  }
  if (!model.allowPatterns.some(p => globMatch(p, file))) {
    throw new ValidationError(path, `${field}["${file}"]`, file, 'is not a file the download allow-list fetches',
      `allowed patterns: ${model.allowPatterns.join(', ')}; pickle weights need allowPickleWeights: true`);
  }
}

/** fnmatch-style match (`*` matches any characters, also `/`), as huggingface_hub filters use. */
export function globMatch(pattern: string, file: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map(s => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(file);
}
