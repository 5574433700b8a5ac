/**
 * Calibration on manifests written after published ones (each fixture's header names its source):
 * the error findings must be exactly the expected ones, and the listed warnings must be there. Each
 * expectation says why the finding is right for that manifest.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { checkManifests } from '../../src';

interface Calibration {
  /** Error check IDs expected, and why. */
  readonly errors: Readonly<Record<string, string>>;
  /** Warning check IDs expected (others may appear), and why. */
  readonly warnings: Readonly<Record<string, string>>;
  /** Checks that must stay silent, and why. */
  readonly silent: Readonly<Record<string, string>>;
}

const POD_SECURITY = {
  K03: 'no container drops ALL capabilities (no securityContext in the published manifest)',
  K05: 'allowPrivilegeEscalation is not set false',
  K06: 'nothing says runAsNonRoot',
  K08: 'no seccomp profile on the pod or the containers',
  K14: 'the default ServiceAccount token is mounted',
};

const CALIBRATION: Readonly<Record<string, Calibration>> = {
  'kserve-huggingface-llama3.yaml': {
    errors: { ...POD_SECURITY, M07: 'the gated-model variant passes HF_TOKEN to the serving container, which keeps it for its lifetime' },
    warnings: {
      M03: 'the model is downloaded from the Hub by name, without a pinned revision',
      M05: 'Hub telemetry is not switched off',
      K37: 'the hf-secret Secret is created beforehand by the user (a warning: Secrets often come from a store)',
      K34: 'the sample sets no namespace',
      K28: 'no NetworkPolicy isolates the predictor',
    },
    silent: { K16: 'CPU and memory requests and limits are given', K18: 'one whole GPU, requests equal to limits' },
  },
  'vllm-production-stack.yaml': {
    errors: { ...POD_SECURITY, M07: 'hf_token becomes HF_TOKEN in the vLLM container itself' },
    warnings: {
      K19: 'the engine image is vllm/vllm-openai:latest',
      M03: 'vllm serve downloads the model by name without --revision',
      M04: 'no --load-format: vLLM falls back to pickle .bin files when a repository has no safetensors',
      M05: 'telemetry env (HF_HUB_DISABLE_TELEMETRY, DO_NOT_TRACK, VLLM_NO_USAGE_STATS) not set',
      M08: 'no vllmApiKey: the OpenAI API is open to anything that reaches the Service',
      K13: 'no /dev/shm mount (the chart adds one only with tensor parallelism)',
      K34: 'the release namespace is default',
    },
    silent: {
      K24: 'the chart defines startup, liveness and readiness probes on /health',
      K20: 'imagePullPolicy Always with a tag',
      K25: 'the Service selector matches the pod template',
      K37: 'the Secret and the PVC are part of the release',
    },
  },
  'torchserve-helm.yaml': {
    errors: {
      ...POD_SECURITY,
      K37: 'the model-store-claim PVC is created outside the chart (its README creates it by hand); declared nowhere, the pod cannot start if it is missing',
      M10: 'config.properties comes from the PVC, not a ConfigMap among the objects: nothing shows allowed_urls or the model API are locked down',
    },
    warnings: {
      K26: 'a LoadBalancer Service exposes the management (8081) and metrics (8082) ports',
      K19: 'pytorch/torchserve:latest',
      K18: 'nvidia.com/gpu limit 0',
      K24: 'no probes',
    },
    silent: { K01: 'no host namespaces', K02: 'nothing privileged' },
  },
  'tei-docker-docs.yaml': {
    errors: { ...POD_SECURITY, M07: 'HF_TOKEN for a gated model stays in the serving container' },
    warnings: {
      K27: 'TEI listens on port 80 by default, a privileged port',
      M03: 'the model is downloaded by name without a revision',
      M08: 'no --api-key',
      K16: 'only a GPU limit, no CPU/memory requests or limits',
    },
    silent: { M01: 'TEI runs no remote code', M04: 'TEI loads safetensors' },
  },
  'infinity-docker-docs.yaml': {
    errors: {
      ...POD_SECURITY,
      M01: 'Infinity trusts remote code by default (--trust-remote-code defaults on) and the command does not turn it off',
      M02: 'with remote code on, the model is not pinned to a commit',
    },
    warnings: {
      K19: 'michaelf34/infinity:latest',
      M05: 'INFINITY_ANONYMOUS_USAGE_STATS is not 0',
      M08: 'no API key',
      M14: 'remote code runs under the default container runtime',
    },
    silent: { M07: 'no Hub token anywhere' },
  },
};

const dir = join(__dirname, 'fixtures');

describe.each(Object.entries(CALIBRATION))('%s', (file, c) => {
  const objects = parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map(d => d.toJS()).filter(Boolean);
  const findings = checkManifests(objects);
  const ids = (severity: string) => [...new Set(findings.filter(f => f.severity === severity).map(f => f.id))].sort();

  test('the error findings are exactly the expected ones', () => {
    expect(ids('error')).toEqual(Object.keys(c.errors).sort());
  });

  test('the expected warnings are reported', () => {
    expect(Object.keys(c.warnings).filter(id => !ids('warning').includes(id))).toEqual([]);
  });

  test('the checks that must stay silent report nothing', () => {
    expect(findings.filter(f => f.id in c.silent).map(f => `${f.id}: ${f.message}`)).toEqual([]);
  });
});
