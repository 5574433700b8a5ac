import { IModelCache } from './cache';
import { DeliveryOptions } from './delivery';
import { DownloadProxyOptions } from './download-proxy';
import { MonitoringOptions } from './monitoring';
import { HuggingFaceModel } from './model';
import { NetworkPeer } from './network';
import { PlatformOptions } from './platform';
import { PodSecurityOptions } from './pod-security';
import { IGpuNodePool } from './scheduling';
import { SecretRef } from './secret-ref';
import { ServingMode } from './serving-mode';
import { ServiceMesh, TlsOptions } from './tls';

/** CPU, memory and storage of the serving container. */
export interface ResourceOptions {
  /**
   * CPU request and limit.
   * @default - the construct's default (VllmPredictor: '4')
   */
  readonly cpu?: string;
  /**
   * Memory request and limit.
   * @default - the construct's default (VllmPredictor: '32Gi')
   */
  readonly memory?: string;
  /**
   * Size of the memory-backed `/dev/shm`; must not exceed `memory`.
   * @default '2Gi'
   */
  readonly shmSize?: string;
  /**
   * Size of the claim of the ModelCache made for the model when no `cache` is given (plus `4Gi` per
   * LoRA adapter it also holds), or, with `allowServingPodEgressForDownload`, of the emptyDir the pod
   * downloads into.
   * @default '50Gi'
   */
  readonly modelStorage?: string;
}

/** Autoscaling of a serving construct. */
export interface AutoscalingOptions {
  /** Fewest replicas. */
  readonly minReplicas: number;
  /** Most replicas. */
  readonly maxReplicas: number;
  /**
   * What to scale on: `cpu`, `memory`, or an engine metric name (e.g. `vllm:num_requests_waiting`).
   * @default - the engine's own queue metric where the mode supports it, else `cpu`
   */
  readonly metric?: string;
  /**
   * Target value of the metric (utilization percent for cpu/memory, queue length for engine metrics).
   * @default - the metric's default target
   */
  readonly target?: number;
  /**
   * Prometheus server the KEDA trigger queries (engine metrics only).
   * @default - `http://prometheus-operated.<monitoring.namespace>.svc:9090` (the Service the Prometheus operator creates)
   */
  readonly prometheusAddress?: string;
}

/** Props every serving construct shares, spelled the same way on each. */
export interface ServingProps extends PodSecurityOptions, PlatformOptions, DeliveryOptions {
  /** The model to serve. */
  readonly model: HuggingFaceModel;
  /**
   * How the model runs.
   * @default ServingMode.KSERVE
   */
  readonly mode?: ServingMode;
  /**
   * Whole GPUs per pod (integer, requests == limits).
   * @default - the construct's default (VllmPredictor: 1)
   */
  readonly gpus?: number;
  /**
   * Replicas when not autoscaled.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * CPU, memory and storage.
   * @default - the construct's defaults
   */
  readonly resources?: ResourceOptions;
  /**
   * Container image (must carry a tag other than `latest`, or a digest).
   * @default - the engine's pinned image
   */
  readonly image?: string;
  /**
   * Extra environment variables (plain values; names the construct sets are refused, as are
   * token-like names: pass tokens as `hfToken`/`apiKey`).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Extra engine arguments. Flags the construct owns (e.g. `--trust-remote-code`) are refused.
   * @default - none
   */
  readonly extraArgs?: readonly string[];
  /**
   * Hub token, by reference. It reaches only the download step, never the serving container.
   * @default - no token (public models)
   */
  readonly hfToken?: SecretRef;
  /**
   * Corporate proxy for the download step only (its variables and CA bundle never reach the serving
   * container); the pod's egress then opens the proxy's port instead of HTTPS to the internet. Only
   * where the pod downloads: a `ModelCache` takes its own `downloadProxy`.
   * @default - the download step connects directly (HTTPS egress)
   */
  readonly downloadProxy?: DownloadProxyOptions;
  /**
   * API key clients must send, by reference.
   * @default - no API key; reachability is limited by `allowFrom`
   */
  readonly apiKey?: SecretRef;
  /**
   * A filled `ModelCache` to serve from (mounted read-only; no download in the pod), e.g. one shared
   * by several models' constructs, or one with `accessModes: ['ReadWriteMany']` for replicas on several nodes.
   * @default - a ModelCache `<name>-model` is made for the model (claim of `resources.modelStorage`,
   * ReadWriteOnce); `pvc://` and image models are mounted directly
   */
  readonly cache?: IModelCache;
  /**
   * Require that nothing in the pod reaches the Hub (egress DNS only); refused together with
   * `allowServingPodEgressForDownload`. The server always runs with `HF_HUB_OFFLINE=1` because its
   * weights are always local.
   * @default - true unless `allowServingPodEgressForDownload` is set
   */
  readonly offline?: boolean;
  /**
   * GPU capacity to schedule onto (tolerations and node affinity).
   * @default - no placement constraints
   */
  readonly nodePool?: IGpuNodePool;
  /**
   * Autoscaling.
   * @default - fixed `replicas`
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Who may reach the serving port.
   * @default - pods of the model's own namespace
   */
  readonly allowFrom?: readonly NetworkPeer[];
  /**
   * Prometheus access: the metrics port opens to this namespace, and opt-in PodMonitor/ServiceMonitor
   * and PrometheusRule objects are created.
   * @default - no monitoring; the metrics port is reachable only by `allowFrom` peers
   */
  readonly monitoring?: MonitoringOptions;
  /**
   * Namespaces whose pods may reach the Knative queue-proxy in KSERVE_SERVERLESS mode (the activator
   * runs in `knative-serving`; the ingress gateway in `istio-system` with Istio, `kourier-system` with Kourier).
   * @default ['knative-serving', 'istio-system']
   */
  readonly knativeIngressNamespaces?: readonly string[];
  /**
   * TLS on the serving port, terminated by the engine (vLLM `--ssl-keyfile`/`--ssl-certfile`,
   * TorchServe `config.properties`) with a cert-manager `Certificate` (`{ issuerRef }`) or your
   * `kubernetes.io/tls` Secret (`{ secretName }`); probes switch to HTTPS. Refused for engines
   * without TLS and in KSERVE_SERVERLESS (use `mesh` there).
   * @default - plain HTTP inside the cluster; reachability limited by `allowFrom`
   */
  readonly tls?: TlsOptions;
  /**
   * Service mesh that encrypts and authenticates traffic to the pods instead: `'istio'` adds a STRICT
   * `PeerAuthentication` for the model's pods, asks for the sidecar, and opens egress to istiod.
   * @default - no mesh policy
   */
  readonly mesh?: ServiceMesh;
  /**
   * Time allowed for download plus model load before the startup probe gives up.
   * @default 1800
   */
  readonly startupTimeoutSeconds?: number;
}
