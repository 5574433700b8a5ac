import { adapterSubPath } from './cache-layout';
import { Delivery } from './delivery';
import { VLLM_LORA_FLAGS } from './engines/vllm';
import { downloadContainer, downloadVolumes } from './download';
import { DownloadProxyOptions } from './download-proxy';
import { ValidationError } from './errors';
import { Container, Volume, VolumeMount } from './kube';
import { HuggingFaceModel, ModelSource, validateModel } from './model';
import { MODEL_DIR } from './paths';
import { PodSecurityOptions } from './pod-security';
import { parseQuantity } from './quantity';
import { SecretRef } from './secret-ref';
import { isRecord, kindOf, requireArray } from './shapes';

/** A LoRA adapter served next to the base model under its own name. */
export interface LoraAdapter {
  /** Name clients request in the `model` field (letters, digits, `-`, `_`, `.`; at most 63). */
  readonly name: string;
  /** The adapter's files: pinned, safetensors only, no remote code (downloaded like the base model). */
  readonly model: HuggingFaceModel;
}

/** Where adapter `<name>` is mounted read-only in the serving container when the pod downloads it (`allowServingPodEgressForDownload`). */
export const LORA_DIR = '/mnt/lora';
/**
 * Storage budgeted per adapter (adapters are a small fraction of the base model): the emptyDir an
 * in-pod download fills, or what the ModelCache made for the model adds to its claim per adapter.
 * @default '4Gi'
 */
export const LORA_ADAPTER_STORAGE = '4Gi';
/** Most adapters accepted on one server or cache (each is one download step). */
export const MAX_LORA_ADAPTERS = 16;

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const EXAMPLE = '[{ name: "sql", model: HuggingFaceModel.fromHub(id, { revision }) }]';

/** Inputs of {@link validateLoraAdapters}. */
export interface LoraListInputs {
  /** Construct path, for messages. */
  readonly path: string;
  /** Name the base model is served under (an adapter may not take it); absent for a ModelCache. */
  readonly servedName?: string;
  /**
   * Accept `s3://` / `gs://` adapters (a serving construct's pods or its cache Job carry its cloud identity).
   * @default true
   */
  readonly objectStores?: boolean;
}

/**
 * Validate a `loraAdapters` list: unique names that are not the base model's, each model pinned,
 * safetensors only, no remote code, and downloadable (Hub, or `s3://` / `gs://` with digests).
 */
export function validateLoraAdapters(adapters: unknown, i: LoraListInputs): readonly LoraAdapter[] | undefined {
  if (adapters === undefined) return undefined;
  const list = requireArray(i.path, 'loraAdapters', adapters, EXAMPLE);
  if (list.length === 0) {
    throw new ValidationError(i.path, 'loraAdapters', list, 'is empty', 'leave loraAdapters out, or name the adapters to serve');
  }
  if (list.length > MAX_LORA_ADAPTERS) {
    throw new ValidationError(i.path, 'loraAdapters', list.length, `has more than ${MAX_LORA_ADAPTERS} adapters`,
      'serve fewer adapters per server, or split them over several VllmPredictors');
  }
  const seen = new Set<string>();
  return list.map((a, n) => {
    const at = `loraAdapters[${n}]`;
    if (!isRecord(a)) {
      throw new ValidationError(i.path, at, kindOf(a), 'is not a { name, model } adapter',
        'give { name: "sql", model: HuggingFaceModel.fromHub(...) }');
    }
    const { name, model } = a as { name: unknown; model: unknown };
    if (typeof name !== 'string' || !NAME.test(name)) {
      throw new ValidationError(i.path, `${at}.name`, name, 'is not an adapter name',
        'use at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit');
    }
    if (name === i.servedName || seen.has(name)) {
      throw new ValidationError(i.path, `${at}.name`, name, name === i.servedName ? 'is the name the base model is served under' : 'is given twice',
        'give each adapter its own name');
    }
    seen.add(name);
    validateModel(model as HuggingFaceModel, i.path, `${at}.model`);
    const m = model as HuggingFaceModel;
    if (m.trustRemoteCode) {
      throw new ValidationError(i.path, `${at}.model.trustRemoteCode`, true, 'is not needed: an adapter is weights only',
        'create the adapter model without trustRemoteCode');
    }
    if (m.allowPickleWeights) {
      throw new ValidationError(i.path, `${at}.model.allowPickleWeights`, true, 'would load pickle adapter weights, which can run code',
        'use the adapter\'s safetensors files (adapter_model.safetensors)');
    }
    if (m.source === ModelSource.IMAGE || m.storageUri.startsWith('pvc://')) {
      throw new ValidationError(i.path, `${at}.model`, m.storageUri, 'is not downloadable; adapters are downloaded like Hub models',
        'give the adapter as HuggingFaceModel.fromHub(id, { revision }) or fromStorage("s3://…" | "gs://…", { sha256 })');
    }
    if (m.source !== ModelSource.HUB && i.objectStores === false) {
      throw new ValidationError(i.path, `${at}.model`, m.storageUri, 'is not a Hub model; a standalone ModelCache downloads Hub files only',
        'give the adapter with HuggingFaceModel.fromHub, or list it in the serving construct\'s loraAdapters '
        + '(the cache made for it carries its cloud identity)');
    }
    return { name, model: m };
  });
}

/** Inputs of {@link planLoraAdapters}. */
export interface LoraInputs {
  readonly path: string;
  /**
   * The adapters were put in the model's cache claim by the delivery (the default): the server
   * reads them under the model directory, nothing downloads in the pod.
   */
  readonly inCache: boolean;
  readonly hfToken?: SecretRef;
  readonly downloadProxy?: DownloadProxyOptions;
  readonly security?: PodSecurityOptions;
  /** The pod must not reach the Hub (`offline`). */
  readonly offline: boolean;
}

/** What adapters add to the pod and the server. */
export interface LoraPlan {
  /** Download steps in the serving pod (only with `allowServingPodEgressForDownload`). */
  readonly initContainers: Container[];
  readonly volumes: Volume[];
  readonly mounts: VolumeMount[];
  /** `--enable-lora --lora-modules name=path ...` (one list: a second flag would replace the first). */
  readonly args: string[];
}

/** Where the server reads an adapter the cache holds: inside the model directory (see `adapterSubPath`). */
export function cachedAdapterDir(adapter: HuggingFaceModel): string {
  return `${MODEL_DIR}/${adapterSubPath(adapter)}`;
}

/**
 * Plan how validated adapters reach the server. By default they are in the model's cache claim
 * (downloaded by the cache's Job), so the server only gets the flags. With
 * `allowServingPodEgressForDownload` (`inCache` false) each adapter gets a hardened download step in the
 * serving pod, an emptyDir and a read-only mount, which `offline` forbids.
 */
export function planLoraAdapters(adapters: readonly LoraAdapter[] | undefined, i: LoraInputs): LoraPlan | undefined {
  if (adapters === undefined) return undefined;
  const flags = (dir: (a: LoraAdapter) => string) =>
    [VLLM_LORA_FLAGS.enable, VLLM_LORA_FLAGS.modules, ...adapters.map(a => `${a.name}=${dir(a)}`)];
  if (i.inCache) return { initContainers: [], volumes: [], mounts: [], args: flags(a => cachedAdapterDir(a.model)) };
  if (i.offline) {
    throw new ValidationError(i.path, 'loraAdapters', adapters.map(a => a.name),
      'would be downloaded in the pod (allowServingPodEgressForDownload), which offline forbids',
      'drop allowServingPodEgressForDownload so the adapters come from a ModelCache, or set offline: false to let the pod download them');
  }
  const initContainers: Container[] = [];
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  adapters.forEach((a, n) => {
    const volumeName = `lora-${n}`;
    const dest = `${LORA_DIR}/${a.name}`;
    initContainers.push({
      ...downloadContainer({
        model: a.model, dest, volumeName, hfToken: a.model.source === ModelSource.HUB ? i.hfToken : undefined, security: i.security,
        proxy: i.downloadProxy,
      }),
      name: `lora-download-${n}`,
    });
    volumes.push({ name: volumeName, emptyDir: { sizeLimit: LORA_ADAPTER_STORAGE } });
    mounts.push({ name: volumeName, mountPath: dest, readOnly: true });
  });
  return { initContainers, volumes, mounts, args: flags(a => `${LORA_DIR}/${a.name}`) };
}

/**
 * The delivery with the in-pod adapters' download steps added: after the base model's, sharing its
 * `download-tmp` (and proxy CA) volumes; the pod downloads, so it keeps HTTPS (or proxy) egress.
 * Unchanged when the adapters come from the cache.
 */
export function withLoraAdapters(d: Delivery, lora: LoraPlan | undefined, proxy: DownloadProxyOptions | undefined): Delivery {
  if (!lora || lora.initContainers.length === 0) return d;
  const have = new Set(d.volumes.map(v => v.name));
  const shared = downloadVolumes(proxy).filter(v => !have.has(v.name));
  const hint = (parseQuantity(d.ephemeralBytesHint ?? '0') ?? 0) + lora.volumes.length * (parseQuantity(LORA_ADAPTER_STORAGE) ?? 0);
  return {
    ...d,
    initContainers: [...d.initContainers, ...lora.initContainers],
    volumes: [...d.volumes, ...shared, ...lora.volumes],
    serverMounts: [...d.serverMounts, ...lora.mounts],
    downloadsInPod: true,
    ephemeralBytesHint: `${Math.ceil(hint / 2 ** 20)}Mi`,
  };
}
