import { Delivery } from './delivery';
import { VLLM_LORA_FLAGS } from './engines/vllm';
import { downloadContainer, downloadVolumes } from './download';
import { DownloadProxyOptions } from './download-proxy';
import { ValidationError } from './errors';
import { Container, Volume, VolumeMount } from './kube';
import { HuggingFaceModel, ModelSource, validateModel } from './model';
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

/** Where adapter `<name>` is mounted read-only in the serving container. */
export const LORA_DIR = '/mnt/lora';
/**
 * Size of the emptyDir each adapter is downloaded into (adapters are a small fraction of the base model).
 * @default '4Gi'
 */
export const LORA_ADAPTER_STORAGE = '4Gi';
/** Most adapters accepted on one server (each is one download step). */
export const MAX_LORA_ADAPTERS = 16;


const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** Inputs of {@link planLoraAdapters}. */
export interface LoraInputs {
  readonly path: string;
  /** Name the base model is served under (an adapter may not take it). */
  readonly servedName: string;
  readonly hfToken?: SecretRef;
  readonly downloadProxy?: DownloadProxyOptions;
  readonly security?: PodSecurityOptions;
  /** The pod must not reach the Hub (`offline`). */
  readonly offline: boolean;
  /** The user accepted that the serving pod keeps egress for downloads (`allowServingPodEgressForDownload`). */
  readonly servingPodEgress: boolean;
}

/** What adapters add to the pod and the server. */
export interface LoraPlan {
  readonly initContainers: Container[];
  readonly volumes: Volume[];
  readonly mounts: VolumeMount[];
  /** `--enable-lora --lora-modules name=path ...` (one list: a second flag would replace the first). */
  readonly args: string[];
}

/** Validate `loraAdapters` and plan their delivery: one hardened download step per adapter, read-only mounts. */
export function planLoraAdapters(adapters: unknown, i: LoraInputs): LoraPlan | undefined {
  if (adapters === undefined) return undefined;
  const list = requireArray(i.path, 'loraAdapters', adapters, '[{ name: "sql", model: HuggingFaceModel.fromHub(id, { revision }) }]');
  if (list.length === 0) {
    throw new ValidationError(i.path, 'loraAdapters', list, 'is empty', 'leave loraAdapters out, or name the adapters to serve');
  }
  if (list.length > MAX_LORA_ADAPTERS) {
    throw new ValidationError(i.path, 'loraAdapters', list.length, `has more than ${MAX_LORA_ADAPTERS} adapters`,
      'serve fewer adapters per server, or split them over several VllmPredictors');
  }
  if (i.offline) {
    throw new ValidationError(i.path, 'loraAdapters', list.map(a => (isRecord(a) ? a.name : a)),
      'would be downloaded in the pod, which offline (the default with a cache) forbids',
      'set offline: false to let the pod download its adapters (HTTPS egress), or serve without a cache');
  }
  if (!i.servingPodEgress) {
    throw new ValidationError(i.path, 'loraAdapters', list.map(a => (isRecord(a) ? a.name : a)),
      'would be downloaded in the serving pod, which then keeps HTTPS egress for its whole life (adapters do not come from a ModelCache yet)',
      'set allowServingPodEgressForDownload: true to accept that egress (checkManifests reports it as K38), or merge the adapters into the model');
  }
  const seen = new Set<string>();
  const parsed = list.map((a, n) => {
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
    return { name, model: m };
  });
  const initContainers: Container[] = [];
  const volumes: Volume[] = [];
  const mounts: VolumeMount[] = [];
  parsed.forEach((a, n) => {
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
  return {
    initContainers, volumes, mounts,
    args: [VLLM_LORA_FLAGS.enable, VLLM_LORA_FLAGS.modules, ...parsed.map(a => `${a.name}=${LORA_DIR}/${a.name}`)],
  };
}

/**
 * The delivery with the adapters' download steps added: after the base model's, sharing its
 * `download-tmp` (and proxy CA) volumes; the pod downloads, so it keeps HTTPS (or proxy) egress.
 */
export function withLoraAdapters(d: Delivery, lora: LoraPlan | undefined, proxy: DownloadProxyOptions | undefined): Delivery {
  if (!lora) return d;
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
