import { parseQuantity } from '../quantity';
import { engineOf } from './engine-signatures';
import { ContainerRef, describeObject, isObject, Json, namespaceOf, PodRef } from './manifest';
import { CheckContext, perContainer, perPod, Problem, Rule } from './rule';

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
/** Extended resources that are GPUs. */
const GPU_RESOURCE = /(^|\/)gpu$/;
/** Image references pinned by digest. */
const DIGEST = /@sha256:[0-9a-f]{64}$/;
const SHM = '/dev/shm';

function volumesOf(p: PodRef): Json[] {
  return Array.isArray(p.pod.volumes) ? p.pod.volumes.filter(isObject) : [];
}

function resources(c: ContainerRef): { requests: Json; limits: Json } {
  const r = isObject(c.spec.resources) ? c.spec.resources : {};
  return { requests: isObject(r.requests) ? r.requests : {}, limits: isObject(r.limits) ? r.limits : {} };
}

function tagOf(image: string): string | undefined {
  const noDigest = image.split('@')[0];
  const last = noDigest.split('/').pop() ?? '';
  return last.includes(':') ? last.slice(last.indexOf(':') + 1) : undefined;
}

/** Ports a probe may name: container port numbers and names. */
function declaredPorts(c: ContainerRef): Set<string> {
  const out = new Set<string>();
  for (const port of Array.isArray(c.spec.ports) ? c.spec.ports : []) {
    if (port?.containerPort !== undefined) out.add(String(port.containerPort));
    if (port?.name) out.add(String(port.name));
  }
  return out;
}

function serviceAccountCheck(ctx: CheckContext) {
  const problems: Problem[] = [];
  let inspected = 0;
  const accounts = ctx.manifest.objects.filter(o => o.kind === 'ServiceAccount');
  for (const p of ctx.manifest.pods.filter(x => !x.partial)) {
    inspected++;
    const name = p.pod.serviceAccountName;
    if (p.pod.serviceAccount !== undefined) problems.push({ object: p.object, message: 'uses the deprecated serviceAccount field',
      fix: 'use serviceAccountName' });
    if (!name || name === 'default') {
      problems.push({ object: p.object, message: `serviceAccountName is ${name ? '"default"' : 'unset (the default account)'}` });
    } else if (!accounts.some(a => a.metadata?.name === name && namespaceOf(a) === namespaceOf(p.owner))) {
      problems.push({ object: p.object, message: `ServiceAccount "${String(name)}" is not among the objects`,
        fix: 'emit the ServiceAccount with the workload' });
    }
  }
  return { inspected, problems };
}

function tokenCheck(ctx: CheckContext) {
  const problems: Problem[] = [];
  let inspected = 0;
  for (const p of ctx.manifest.pods.filter(x => !x.partial)) {
    inspected++;
    if (p.pod.automountServiceAccountToken !== false) problems.push({ object: p.object, message: 'automountServiceAccountToken is not false' });
  }
  for (const sa of ctx.manifest.objects.filter(o => o.kind === 'ServiceAccount')) {
    inspected++;
    if (sa.automountServiceAccountToken !== false) problems.push({ object: describeObject(sa),
      message: 'ServiceAccount automountServiceAccountToken is not false' });
  }
  return { inspected, problems };
}

/** Workload hygiene checks: shared memory, identity, resources, GPUs, images, probes. */
export const WORKLOAD_RULES: readonly Rule[] = [
  {
    id: 'K13', title: '/dev/shm is a sized memory emptyDir', severity: 'warning',
    source: 'KServe Hugging Face runtime pattern; PSA hostNamespaces',
    fix: 'mount /dev/shm from an emptyDir with medium: Memory and a sizeLimit no larger than the memory limit',
    run: perContainer((c, p, add) => {
      const mount = (Array.isArray(c.spec.volumeMounts) ? c.spec.volumeMounts : []).find((m: Json) => m?.mountPath === SHM);
      if (!mount) {
        if (!c.init && engineOf(c)?.needsGpu) add('GPU engine without a /dev/shm mount');
        return;
      }
      const vol = volumesOf(p).find(v => v.name === mount.name);
      if (p.partial && !vol) return;
      const ed = vol?.emptyDir;
      if (!isObject(ed) || ed.medium !== 'Memory') { add(`/dev/shm volume "${String(mount.name)}" is not an emptyDir with medium Memory`); return; }
      const size = ed.sizeLimit !== undefined ? parseQuantity(String(ed.sizeLimit)) : undefined;
      const limit = resources(c).limits.memory !== undefined ? parseQuantity(String(resources(c).limits.memory)) : undefined;
      if (size === undefined) add('/dev/shm emptyDir has no sizeLimit');
      else if (limit !== undefined && size > limit) {
        add(`/dev/shm sizeLimit ${String(ed.sizeLimit)} exceeds the memory limit ${String(resources(c).limits.memory)}`);
      }
    }),
  },
  {
    id: 'K14', title: 'no service account token', severity: 'error',
    source: 'Polaris automountServiceAccountToken; kubesec AutomountServiceAccountToken; NSA 1.11 (KSV036); kubescape C-0034',
    fix: 'set automountServiceAccountToken: false on the pod and its ServiceAccount',
    run: tokenCheck,
  },
  {
    id: 'K15', title: 'dedicated service account', severity: 'warning',
    source: 'kube-linter default-service-account, non-existent-service-account, deprecated-service-account-field; kubesec ServiceAccountName',
    fix: 'set serviceAccountName to a dedicated ServiceAccount emitted with the workload',
    run: serviceAccountCheck,
  },
  {
    id: 'K16', title: 'CPU and memory requests and limits', severity: 'warning',
    source: 'kube-linter unset-cpu-requirements, unset-memory-requirements; Polaris ' +
      'cpuRequestsMissing/cpuLimitsMissing/memoryRequestsMissing/memoryLimitsMissing; kube-score container-resources; kubescape C-0270/C-0271',
    fix: 'set resources.requests.cpu, requests.memory, limits.memory and limits.cpu',
    run: perContainer((c, _p, add) => {
      const r = resources(c);
      if (r.requests.cpu === undefined) add('resources.requests.cpu is unset');
      if (r.requests.memory === undefined) add('resources.requests.memory is unset');
      if (r.limits.memory === undefined) add('resources.limits.memory is unset');
      if (r.limits.cpu === undefined) add('resources.limits.cpu is unset');
    }),
  },
  {
    id: 'K17', title: 'ephemeral storage bounded', severity: 'warning',
    source: 'kube-score container-ephemeral-storage-request-and-limit; NSA resource policies',
    fix: 'set resources.requests/limits ephemeral-storage and a sizeLimit on every emptyDir',
    run: perPod((p, add) => {
      for (const c of [...p.containers, ...p.initContainers]) {
        const r = resources(c);
        if (r.requests['ephemeral-storage'] === undefined) add('resources.requests.ephemeral-storage is unset', { container: c.name });
        if (r.limits['ephemeral-storage'] === undefined) add('resources.limits.ephemeral-storage is unset', { container: c.name });
      }
      for (const v of volumesOf(p)) {
        if (isObject(v.emptyDir) && v.emptyDir.sizeLimit === undefined) add(`emptyDir volume "${String(v.name)}" has no sizeLimit`);
      }
    }),
  },
  {
    id: 'K18', title: 'GPU requests are whole, equal and present', severity: 'warning',
    source: 'Kubernetes extended resources (integer, requests == limits); own',
    fix: 'request whole GPUs with requests equal to limits, and give GPU engine images at least one GPU',
    run: perContainer((c, _p, add) => {
      const r = resources(c);
      const keys = new Set([...Object.keys(r.requests), ...Object.keys(r.limits)].filter(k => GPU_RESOURCE.test(k)));
      for (const k of keys) {
        const req = r.requests[k];
        const lim = r.limits[k];
        if (lim === undefined) add(`${k} has a request but no limit`);
        else if (!/^[1-9][0-9]*$/.test(String(lim))) add(`${k} limit ${String(lim)} is not a positive whole number`);
        const differs = req !== undefined && lim !== undefined && String(req) !== String(lim);
        if (differs) add(`${k} request ${String(req)} differs from limit ${String(lim)}`);
      }
      if (keys.size === 0 && !c.init && engineOf(c)?.needsGpu) add(`${String(c.spec.image ?? 'engine')} is a GPU image but requests no GPU`);
    }),
  },
  {
    id: 'K19', title: 'image pinned by tag (and digest in strict mode)', severity: 'warning',
    source: 'kube-linter latest-tag; Polaris tagNotSpecified; kube-score container-image-tag',
    fix: 'pin the image to a release tag, ideally with @sha256:<digest>',
    run: perContainer((c, _p, add, ctx) => {
      const image = String(c.spec.image);
      const tag = tagOf(image);
      const digest = DIGEST.test(image);
      if (!digest && (tag === undefined || tag === 'latest')) add(`image "${image}" has ${tag ? 'the latest tag' : 'no tag'}`);
      else if (ctx.options.requireDigest && !digest) add(`image "${image}" is not pinned by digest`);
    }, c => typeof c.spec.image === 'string'),
  },
  {
    id: 'K20', title: 'pull policy fits the pin', severity: 'warning',
    source: 'kube-score container-image-pull-policy; Polaris pullPolicyNotAlways',
    fix: 'use imagePullPolicy: Always, or pin the image by digest to use IfNotPresent',
    run: perContainer((c, _p, add) => {
      const policy = c.spec.imagePullPolicy;
      if (policy === 'Always' || DIGEST.test(String(c.spec.image))) return;
      add(`imagePullPolicy is ${policy === undefined ? 'unset' : String(policy)} for an image not pinned by digest`);
    }, c => typeof c.spec.image === 'string'),
  },
  {
    id: 'K23', title: 'no duplicate env names', severity: 'warning',
    source: 'kube-linter duplicate-env-var; kube-score environment-variable-key-duplication',
    fix: 'give each env var once; the last one silently wins',
    run: perContainer((c, _p, add) => {
      const seen = new Set<string>();
      for (const e of Array.isArray(c.spec.env) ? c.spec.env : []) {
        const name = String(e?.name);
        if (seen.has(name)) add(`env ${name} is set more than once`);
        seen.add(name);
      }
    }),
  },
  {
    id: 'K24', title: 'probes present, on declared ports, distinct', severity: 'warning',
    source: 'kube-linter liveness-port/readiness-port/startup-port; Polaris readinessProbeMissing/livenessProbeMissing; kube-score pod-probes, ' +
      'pod-probes-identical',
    fix: 'give serving containers readiness, liveness and (for model servers) startup probes on declared ports; readiness must differ from liveness',
    run: perContainer((c, _p, add) => {
      if (!isObject(c.spec.readinessProbe)) add('no readinessProbe');
      if (!isObject(c.spec.livenessProbe)) add('no livenessProbe');
      if (!isObject(c.spec.startupProbe) && engineOf(c)) add('model server without a startupProbe');
      if (isObject(c.spec.readinessProbe) && sameJson(c.spec.readinessProbe, c.spec.livenessProbe)) {
        add('readinessProbe and livenessProbe are identical');
      }
      const ports = declaredPorts(c);
      if (ports.size === 0) return;
      for (const probe of PROBES) {
        const pr = c.spec[probe];
        const port = pr?.httpGet?.port ?? pr?.tcpSocket?.port ?? pr?.grpc?.port;
        if (port !== undefined && !ports.has(String(port))) add(`${probe} targets port ${String(port)}, which the container does not declare`);
      }
    }, (c, p) => !c.init && !p.runsToCompletion),
  },
];

/** JSON equality that never throws (cyclic or too-deep values are unequal). */
function sameJson(a: unknown, b: unknown): boolean {
  try {
    const x = JSON.stringify(a);
    return x !== undefined && x === JSON.stringify(b);
  } catch {
    return false;
  }
}
