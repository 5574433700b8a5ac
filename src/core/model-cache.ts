import { IModelCache } from './cache';
import { adapterSubPath, cacheSubPath } from './cache-layout';
import { preloadContainer } from './cache-preload';
import { EMBEDDING_BACKENDS, EmbeddingBackend } from './embedding-backend';
import { Engine } from './engines/engine';
import { MODEL_DIR } from './paths';
import { downloadContainer, downloadVolumes, MARKER_FILE, markerContainer } from './download';
import { DownloadProxyOptions, downloadProxyEgress, validateDownloadProxy } from './download-proxy';
import { ValidationError } from './errors';
import { Job, KubeObject, NetworkPolicy, PersistentVolumeClaim, ServiceAccount } from './kube';
import { isDnsLabel, selectorLabels, standardLabels } from './labels';
import { LoraAdapter, validateLoraAdapters } from './lora-adapters';
import { HuggingFaceModel, ModelSource, validateModel } from './model';
import { DNS_EGRESS, HTTPS_EGRESS } from './network';
import { podSecurityContext, podSwitches } from './pod-security';
import { parseQuantity } from './quantity';
import { SecretRef } from './secret-ref';
import { requireNamespace, ServingContext } from './context';
import { validateCount, validateSecretRef } from './validate';
import { withRelaxationWaivers } from './policy/relaxations';
import { withUserReferences } from './policy/user-references';

/** Props of `ModelCache`. */
export interface ModelCacheProps {
  /** The model to download into the cache (pinned revision, allow-list and digests apply). */
  readonly model: HuggingFaceModel;
  /**
   * Hub token, by reference. Only the download Job's container gets it.
   * @default - no token (public models)
   */
  readonly hfToken?: SecretRef;
  /**
   * Corporate proxy the download step goes through (only the download container gets it); the Job's
   * egress then opens the proxy's port instead of HTTPS to the internet.
   * @default - the download connects directly (HTTPS egress)
   */
  readonly downloadProxy?: DownloadProxyOptions;
  /** Size of the PersistentVolumeClaim, e.g. `'20Gi'` (at least 1Gi). */
  readonly size: string;
  /**
   * StorageClass of the claim.
   * @default - the cluster's default StorageClass
   */
  readonly storageClassName?: string;
  /**
   * Access modes of the claim. The Job writes, the servers mount read-only. `ReadWriteOnce` works
   * with every default StorageClass but lets only pods of one node mount the claim at a time; servers
   * on several nodes need `['ReadWriteMany']` and a StorageClass that supports it (NFS, EFS, Filestore…).
   * `ReadOnlyMany` alone is refused: the Job could not fill the claim.
   * @default ['ReadWriteOnce']
   */
  readonly accessModes?: readonly string[];
  /**
   * Time the download Job may run in total (all retries) before it is failed (`activeDeadlineSeconds`).
   * @default 7200
   */
  readonly downloadTimeoutSeconds?: number;
  /**
   * Retries of a failed download pod (`backoffLimit`).
   * @default 2
   */
  readonly backoffLimit?: number;
  /**
   * After the download, load the cached model once with this backend's engine, offline, and mark the
   * cache complete only if it loads (Infinity `--preload-only`). Servers wait for the marker, so they
   * never start on a cache their engine cannot load.
   * @default - no preload check; the cache is complete once downloaded and digest-checked
   */
  readonly preloadWith?: EmbeddingBackend;
  /**
   * LoRA adapters downloaded into the same claim by the same Job, after the model: each into
   * `lora/<owner>/<name>/<revision>` inside the model's directory, pinned, safetensors only, with its
   * own completion marker; the model's marker is written after the last adapter, so servers start only
   * when every adapter is there. A serving construct given this cache may serve any of these adapters
   * (`loraAdapters`) offline, with no egress.
   * @default - no adapters
   */
  readonly loraAdapters?: readonly LoraAdapter[];
}

/** Every ModelCache default, in one place. */
export const MODEL_CACHE_DEFAULTS = {
  /** One node at a time; portable across StorageClasses. */
  accessModes: ['ReadWriteOnce'] as readonly string[],
  /** Two hours: room for a large model on a slow link, bounded so a stuck download fails visibly. */
  downloadTimeoutSeconds: 7200,
  /** A failed download is retried twice. */
  backoffLimit: 2,
  /** Smallest claim accepted. */
  minSize: '1Gi',
} as const;

/** The rendered objects of a ModelCache and the cache handle servers use. */
export interface RenderedModelCache {
  /** PersistentVolumeClaim, ServiceAccount, Job and NetworkPolicies, in apply order. */
  readonly objects: KubeObject[];
  /** What a server needs to mount the cache. */
  readonly cache: IModelCache;
  /** Name of the download Job. */
  readonly jobName: string;
}

const WRITABLE_MODES = ['ReadWriteOnce', 'ReadWriteMany', 'ReadWriteOncePod'];
const ACCESS_MODES = [...WRITABLE_MODES, 'ReadOnlyMany'];
/** A claim access mode as the PersistentVolumeClaim type names them. */
type AccessMode = NonNullable<NonNullable<PersistentVolumeClaim['spec']>['accessModes']>[number];
const isAccessMode = (m: string): m is AccessMode => ACCESS_MODES.includes(m);
const JOB_COMPONENT = 'model-download';

export { cacheSubPath } from './cache-layout';

/** How a ModelCache is rendered for a serving construct (not part of the public props). */
export interface ModelCacheRenderOptions {
  /**
   * Accept `s3://` and `gs://` models too (the cache a serving construct makes for its model; its
   * ServiceAccount gets the serving construct's identity annotations).
   * @default false - Hub models only
   */
  readonly storageModels?: boolean;
}

/**
 * Validate ModelCache props and render: a PVC `<name>`, a ServiceAccount `<name>-download` without
 * a token mount, a Job `<name>-download` whose single hardened container is the download step (the
 * only holder of the Hub token; pinned revision, allow-list, digest check, marker written last), and
 * NetworkPolicies `<name>-download-default-deny` / `<name>-download-egress` that give the Job pod
 * DNS and HTTPS egress (the cloud metadata address and private ranges excepted; with `downloadProxy`,
 * the proxy's port instead) and no ingress.
 */
export function renderModelCache(props: ModelCacheProps, ctx: ServingContext, options: ModelCacheRenderOptions = {}): RenderedModelCache {
  const { path, name } = ctx;
  if (!isDnsLabel(name, 54)) {
    throw new ValidationError(path, 'name', name, 'is not a DNS-1035 label of at most 54 characters',
      'use lower-case letters, digits and "-", starting with a letter (the Job is named "<name>-download")');
  }
  const namespace = requireNamespace(path, ctx.namespace);
  validateModel(props.model, path);
  const adapters = validateLoraAdapters(props.loraAdapters, { path, objectStores: options.storageModels === true }) ?? [];
  const objectStore = props.model.source === ModelSource.STORAGE && /^(s3|gs):\/\//.test(props.model.storageUri);
  if (props.model.source !== ModelSource.HUB && !(options.storageModels && objectStore)) {
    throw new ValidationError(path, 'model', props.model.storageUri, 'is not a Hub model; a ModelCache holds Hub downloads',
      'serve storage and image models directly (they are pinned by digests and need no Hub download)');
  }
  validateSecretRef(path, 'hfToken', props.hfToken);
  const proxy = validateDownloadProxy(path, props.downloadProxy);
  const size = props.size;
  const bytes = typeof size === 'string' ? parseQuantity(size) : undefined;
  if (bytes === undefined || !/^[0-9]+(\.[0-9]+)?([KMGTP]i|[kMGTP])?$/.test(size)) {
    throw new ValidationError(path, 'size', size, 'is not a storage quantity', 'give the claim size like "20Gi"');
  }
  if (bytes < (parseQuantity(MODEL_CACHE_DEFAULTS.minSize) ?? 0)) {
    throw new ValidationError(path, 'size', size, `is smaller than ${MODEL_CACHE_DEFAULTS.minSize}`,
      'give at least the size of the model files, e.g. "20Gi"');
  }
  if (props.storageClassName !== undefined && !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(props.storageClassName)) {
    throw new ValidationError(path, 'storageClassName', props.storageClassName, 'is not a valid StorageClass name',
      'use the name shown by "kubectl get storageclass"');
  }
  const accessModes = [...(props.accessModes ?? MODEL_CACHE_DEFAULTS.accessModes)];
  const unknown = accessModes.find(m => !ACCESS_MODES.includes(m));
  if (accessModes.length === 0 || unknown !== undefined) {
    throw new ValidationError(path, 'accessModes', props.accessModes, 'is not a list of access modes',
      `use one or more of ${ACCESS_MODES.join(', ')}`);
  }
  if (!accessModes.some(m => WRITABLE_MODES.includes(m))) {
    throw new ValidationError(path, 'accessModes', props.accessModes, 'has no writable mode, so the download Job cannot fill the claim',
      'use ["ReadWriteMany"] for servers on several nodes, or the default ["ReadWriteOnce"]');
  }
  const timeout = props.downloadTimeoutSeconds ?? MODEL_CACHE_DEFAULTS.downloadTimeoutSeconds;
  validateCount(path, 'downloadTimeoutSeconds', timeout, 60);
  const backoffLimit = props.backoffLimit ?? MODEL_CACHE_DEFAULTS.backoffLimit;
  validateCount(path, 'backoffLimit', backoffLimit, 0);

  const subPath = cacheSubPath(props.model);
  const jobName = `${name}-download`;
  const labels = standardLabels(name, 'model-cache');
  const jobLabels = standardLabels(jobName, JOB_COMPONENT);
  const podSelector = selectorLabels(jobName, JOB_COMPONENT);
  const pvc: PersistentVolumeClaim = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace, labels },
    spec: {
      accessModes: accessModes.filter(isAccessMode), // every one is (checked above)
      volumeMode: 'Filesystem',
      resources: { requests: { storage: size } },
      ...(props.storageClassName ? { storageClassName: props.storageClassName } : {}),
    },
  };
  const serviceAccount: ServiceAccount = {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: jobName, namespace, labels: jobLabels },
    automountServiceAccountToken: false,
  };
  const preloadEngine = preloadEngineFor(path, props.preloadWith);
  const adapterSteps = adapterDownloads(adapters, { subPath, hfToken: props.hfToken, proxy: props.downloadProxy });
  const download = downloadContainer({ model: props.model, dest: MODEL_DIR, volumeName: 'cache', subPath, hfToken: props.hfToken,
    writeMarker: !preloadEngine && adapterSteps.length === 0, proxy: props.downloadProxy });
  const preload = preloadEngine
    ? [preloadContainer({ engine: preloadEngine, model: props.model, name, dest: MODEL_DIR, volumeName: 'cache', subPath })] : [];
  // the model's marker goes last: after the adapters and the preload check, in a step of its own
  const steps = preload.length + adapterSteps.length > 0
    ? {
      initContainers: [download, ...adapterSteps, ...preload],
      containers: [markerContainer({ dest: MODEL_DIR, volumeName: 'cache', subPath })],
    }
    : { containers: [download] };
  const job: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, namespace, labels: jobLabels },
    spec: {
      backoffLimit,
      activeDeadlineSeconds: timeout,
      template: {
        metadata: { labels: jobLabels },
        spec: {
          serviceAccountName: jobName,
          restartPolicy: 'Never',
          ...podSwitches(),
          securityContext: podSecurityContext(),
          ...steps,
          volumes: [
            { name: 'cache', persistentVolumeClaim: { claimName: name } },
            ...downloadVolumes(props.downloadProxy),
          ],
        },
      },
    },
  };
  const policyMeta = (suffix: string) => ({ name: `${jobName}-${suffix}`, namespace, labels: jobLabels });
  const policies: NetworkPolicy[] = [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: policyMeta('default-deny'),
      spec: { podSelector: { matchLabels: { ...podSelector } }, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: policyMeta('egress'),
      spec: { podSelector: { matchLabels: { ...podSelector } }, policyTypes: ['Egress'],
        egress: [DNS_EGRESS, proxy ? downloadProxyEgress(proxy) : HTTPS_EGRESS] },
    },
  ];
  return {
    objects: withUserReferences(withRelaxationWaivers([pvc, serviceAccount, job, ...policies], props), props),
    cache: {
      model: props.model, claimName: name, subPath, markerFile: MARKER_FILE, accessModes, ...(adapters.length > 0 ? { loraAdapters: adapters } : {}),
    },
    jobName,
  };
}

/**
 * One download step per distinct adapter, into `lora/<pin>` inside the model's directory (see
 * `adapterSubPath`), each writing its own marker there; the Hub token only for Hub adapters.
 */
function adapterDownloads(adapters: readonly LoraAdapter[], o: { subPath: string; hfToken?: SecretRef; proxy?: DownloadProxyOptions }) {
  const dirs = [...new Map(adapters.map(a => [adapterSubPath(a.model), a.model])).entries()];
  return dirs.map(([dir, model], n) => ({
    ...downloadContainer({ model, dest: MODEL_DIR, volumeName: 'cache', subPath: `${o.subPath}/${dir}`,
      hfToken: model.source === ModelSource.HUB ? o.hfToken : undefined, proxy: o.proxy }),
    name: `lora-download-${n}`,
  }));
}

/** The engine that verifies a cache by loading it, from the backend table; only engines with a preload mode qualify. */
function preloadEngineFor(path: string, backend: EmbeddingBackend | undefined): Engine | undefined {
  if (backend === undefined) return undefined;
  const engine = EMBEDDING_BACKENDS[backend];
  if (!engine?.preloadArgs) {
    const able = Object.entries(EMBEDDING_BACKENDS).filter(([, e]) => e.preloadArgs).map(([b]) => `EmbeddingBackend.${b}`);
    throw new ValidationError(path, 'preloadWith', backend, 'has no load-and-exit mode to verify the cache with',
      `use ${able.join(' or ')}, or leave preloadWith unset`);
  }
  return engine;
}
