/**
 * Minimal secure objects per workload kind (the "base" fixtures every check must pass), following
 * the Pod Security Admission test pattern: each base passes every check with zero findings, and
 * single-field mutations (mutations.ts) must flip one check to fail.
 */

export type Obj = Record<string, any>;

export const NS = 'ml-serving';
export const COMMIT = 'a09a35458c702b33eeacc393d103063234e8bc28';
export const SHA = '3f5a'.repeat(16);
const DIGEST = `@sha256:${'9c1e'.repeat(16)}`;

export const VLLM_IMAGE = `vllm/vllm-openai:v0.11.0${DIGEST}`;
export const DOWNLOAD_IMAGE = `kserve/storage-initializer:v0.20.0${DIGEST}`;

function labels(name: string): Record<string, string> {
  return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
}

function meta(name: string, extra: Obj = {}): Obj {
  return { name, namespace: NS, labels: labels(name), ...extra };
}

/** Secrets and the claim the workloads reference, created outside the fixtures (K37 needs them declared). */
const EXTERNAL = { 'external.hf-serving-constructs.io/refs': 'Secret/hf-secret, Secret/llm-api-key, PersistentVolumeClaim/model-store' };

/** Metadata of a workload: {@link meta} plus the external references it declares. */
function workloadMeta(name: string): Obj {
  return meta(name, { annotations: EXTERNAL });
}

const env = (name: string, value: string) => ({ name, value });
const secretEnv = (name: string, secret: string, key: string) => ({ name, valueFrom: { secretKeyRef: { name: secret, key } } });
const TELEMETRY = [env('HF_HUB_DISABLE_TELEMETRY', '1'), env('DO_NOT_TRACK', '1')];
const OFFLINE = [env('HF_HUB_OFFLINE', '1'), env('TRANSFORMERS_OFFLINE', '1')];

export function containerSecurity(): Obj {
  return {
    allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function podSecurity(): Obj {
  return { runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } };
}

function resources(gpu: boolean): Obj {
  const r: Obj = { 'cpu': '4', 'memory': '16Gi', 'ephemeral-storage': '10Gi', ...(gpu ? { 'nvidia.com/gpu': 1 } : {}) };
  return { requests: { ...r }, limits: { ...r } };
}

function probes(port: string | number, startup: boolean): Obj {
  return {
    ...(startup ? { startupProbe: { httpGet: { path: '/health', port }, periodSeconds: 10, failureThreshold: 180 } } : {}),
    readinessProbe: { httpGet: { path: '/v1/models', port }, periodSeconds: 10 },
    livenessProbe: { httpGet: { path: '/health', port }, periodSeconds: 30 },
  };
}

/** The vLLM server: local weights, offline, API key from a Secret, safetensors only. */
export function vllmServer(name = 'server'): Obj {
  return {
    name,
    image: VLLM_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['vllm', 'serve'],
    args: ['/mnt/models', '--served-model-name=chat', '--port=8000', '--load-format=safetensors'],
    env: [...TELEMETRY, env('VLLM_NO_USAGE_STATS', '1'), ...OFFLINE, secretEnv('VLLM_API_KEY', 'llm-api-key', 'key')],
    ports: [{ name: 'http', containerPort: 8000, protocol: 'TCP' }],
    resources: resources(true),
    securityContext: containerSecurity(),
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'dshm', mountPath: '/dev/shm' }, { name: 'model', mountPath: '/mnt/models', readOnly: true }],
    ...probes('http', true),
  };
}

/** The download step: pinned hf:// URI, allow-list, checksum verification, token from a Secret. */
export function downloader(name = 'model-download'): Obj {
  return {
    name,
    image: DOWNLOAD_IMAGE,
    imagePullPolicy: 'IfNotPresent',
    command: ['/bin/sh', '-c', [
      'set -eu',
      `/storage-initializer/scripts/initializer-entrypoint 'hf://acme/chat:${COMMIT}' '/mnt/models'`,
      "cd '/mnt/models'",
      `printf '%s\\n' '${SHA}  model.safetensors' | sha256sum -c -`,
    ].join('\n')],
    env: [
      secretEnv('HF_TOKEN', 'hf-secret', 'token'),
      env('STORAGE_ALLOW_PATTERNS', '["*.safetensors","*.json","tokenizer*"]'),
      env('HOME', '/tmp'),
      ...TELEMETRY,
    ],
    resources: { requests: { 'cpu': '500m', 'memory': '1Gi', 'ephemeral-storage': '1Gi' }, limits: { 'cpu': '2', 'memory': '4Gi', 'ephemeral-storage': '2Gi' } },
    securityContext: containerSecurity(),
    volumeMounts: [{ name: 'model', mountPath: '/mnt/models' }, { name: 'tmp', mountPath: '/tmp' }],
  };
}

function volumes(): Obj[] {
  return [
    { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '2Gi' } },
    { name: 'model', emptyDir: { sizeLimit: '50Gi' } },
  ];
}

function spread(name: string): Obj {
  return { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/instance': name } } }] };
}

function podFields(name: string): Obj {
  return { serviceAccountName: name, automountServiceAccountToken: false, securityContext: podSecurity() };
}

function serviceAccount(name: string): Obj {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(name), automountServiceAccountToken: false };
}

/**
 * Default-deny plus an allow policy: ingress from one namespace on the port, egress DNS and HTTPS to
 * a private range (a mirror inside the network: no internet, so K38 passes).
 */
function networkPolicies(name: string, port: number): Obj[] {
  const podSelector = { matchLabels: { 'app.kubernetes.io/instance': name } };
  return [
    { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(`${name}-default-deny`, { labels: labels(name) }), spec: { podSelector, policyTypes: ['Ingress', 'Egress'] } },
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta(`${name}-allow`, { labels: labels(name) }),
      spec: {
        podSelector, policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } } }], ports: [{ port, protocol: 'TCP' }] }],
        egress: [
          { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] },
          { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }] },
        ],
      },
    },
  ];
}

/** Deployment + Service + HPA + PDB serving vLLM, with a download init container. */
export function deploymentBundle(): Obj[] {
  const name = 'chat';
  return [
    serviceAccount(name),
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: workloadMeta(name),
      spec: {
        selector: { matchLabels: { 'app.kubernetes.io/instance': name } },
        template: {
          metadata: { labels: labels(name) },
          spec: { ...podFields(name), ...spread(name), containers: [vllmServer()], initContainers: [downloader()], volumes: volumes() },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta(name),
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/instance': name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    ...networkPolicies(name, 8000),
    {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: meta(name),
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name }, minReplicas: 2, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
    },
    {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name),
      spec: { selector: { matchLabels: { 'app.kubernetes.io/instance': name } }, maxUnavailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    },
  ];
}

/** A download Job: the one place the Hub token may live outside an init container. */
export function jobBundle(): Obj[] {
  const name = 'fetch';
  return [
    serviceAccount(name),
    {
      apiVersion: 'batch/v1', kind: 'Job', metadata: workloadMeta(name),
      spec: {
        ttlSecondsAfterFinished: 600,
        template: {
          metadata: { labels: labels(name) },
          spec: { ...podFields(name), restartPolicy: 'Never', containers: [downloader('download')], volumes: volumes().filter(v => v.name !== 'dshm') },
        },
      },
    },
    ...networkPolicies(name, 8080),
  ];
}

/** An InferenceService whose predictor is a `model` (KServe Hugging Face runtime) plus its ServingRuntime. */
export function isvcModelBundle(): Obj[] {
  const name = 'embed';
  const runtime = 'hf-runtime';
  return [
    serviceAccount(name),
    {
      apiVersion: 'serving.kserve.io/v1alpha1', kind: 'ServingRuntime', metadata: workloadMeta(runtime),
      spec: {
        supportedModelFormats: [{ name: 'huggingface', version: '1' }],
        containers: [{
          name: 'kserve-container',
          image: `kserve/huggingfaceserver:v0.20.0${DIGEST}`,
          imagePullPolicy: 'IfNotPresent',
          args: ['--model_name={{.Name}}'],
          env: [...TELEMETRY],
          ports: [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }],
          resources: resources(false),
          securityContext: containerSecurity(),
          ...probes(8080, true),
        }],
      },
    },
    {
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: workloadMeta(name),
      spec: {
        predictor: {
          ...podFields(name),
          minReplicas: 1,
          model: {
            modelFormat: { name: 'huggingface' },
            runtime,
            storageUri: `hf://thenlper/gte-base:${COMMIT}`,
            args: ['--model_name=embed', '--model_dir=/mnt/models'],
            env: [...TELEMETRY, ...OFFLINE],
            ports: [{ name: 'http1', containerPort: 8080, protocol: 'TCP' }],
            resources: resources(false),
            securityContext: containerSecurity(),
            volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            ...probes(8080, true),
          },
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '1Gi' } }],
        },
      },
    },
    ...networkPolicies(name, 8080),
  ];
}

/** An InferenceService whose predictor lists `containers` (vLLM) with a download init container. */
export function isvcContainersBundle(): Obj[] {
  const name = 'llm';
  return [
    serviceAccount(name),
    {
      apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: workloadMeta(name),
      spec: {
        predictor: {
          ...podFields(name),
          containers: [vllmServer('kserve-container')],
          initContainers: [downloader()],
          volumes: volumes(),
        },
      },
    },
    ...networkPolicies(name, 8000),
  ];
}

/** TorchServe 0.11+ with a locked-down config.properties from a ConfigMap. */
export const TORCHSERVE_CONFIG = [
  'inference_address=http://0.0.0.0:8080',
  'management_address=http://127.0.0.1:8081',
  'metrics_address=http://127.0.0.1:8082',
  'enable_model_api=false',
  'disable_token_authorization=false',
  'allowed_urls=https://models\\.example\\.com/.*\\.mar',
  'install_py_dep_per_model=false',
  'enable_envvars_config=false',
  'blacklist_env_vars=HF_TOKEN|AWS_.*',
].join('\n');

export function torchserveBundle(): Obj[] {
  const name = 'resnet';
  return [
    serviceAccount(name),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(`${name}-config`, { labels: labels(name) }), data: { 'config.properties': TORCHSERVE_CONFIG } },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: workloadMeta(name),
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'app.kubernetes.io/instance': name } },
        template: {
          metadata: { labels: labels(name) },
          spec: {
            ...podFields(name),
            ...spread(name),
            containers: [{
              name: 'torchserve',
              image: `pytorch/torchserve:0.12.0-cpu${DIGEST}`,
              imagePullPolicy: 'IfNotPresent',
              command: ['torchserve'],
              args: ['--start', '--foreground', '--model-store=/mnt/models', '--ts-config=/etc/torchserve/config.properties', '--models', 'resnet=resnet-18.mar'],
              env: [...TELEMETRY],
              ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
              resources: resources(false),
              securityContext: containerSecurity(),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, { name: 'config', mountPath: '/etc/torchserve', readOnly: true }, { name: 'model', mountPath: '/mnt/models', readOnly: true }],
              startupProbe: { tcpSocket: { port: 'http' }, periodSeconds: 10, failureThreshold: 60 },
              readinessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 10 },
              livenessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 30 },
            }],
            volumes: [
              { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
              { name: 'config', configMap: { name: `${name}-config` } },
              { name: 'model', persistentVolumeClaim: { claimName: 'model-store', readOnly: true } },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta(name),
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/instance': name }, ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }] },
    },
    ...networkPolicies(name, 8080),
    {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name),
      spec: { selector: { matchLabels: { 'app.kubernetes.io/instance': name } }, minAvailable: 1, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    },
  ];
}

/** Every base, by name. */
export const BASES = {
  'deployment': deploymentBundle,
  'job': jobBundle,
  'isvc-model': isvcModelBundle,
  'isvc-containers': isvcContainersBundle,
  'torchserve': torchserveBundle,
} as const;

export type BaseName = keyof typeof BASES;
export const BASE_NAMES = Object.keys(BASES) as BaseName[];
