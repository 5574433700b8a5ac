import { checkManifests, describeRef, Finding, policyReport, RULES } from '../../../src';
import { CASES } from './cases';
import { BASE_NAMES, BASES, deploymentBundle, isvcContainersBundle, isvcModelBundle, jobBundle, NS, Obj, vllmServer } from './fixtures';

const ids = RULES.map(r => r.id);

describe('base fixtures (minimal secure objects)', () => {
  test.each(BASE_NAMES)('%s passes every check with no finding', base => {
    expect(checkManifests(BASES[base]())).toEqual([]);
  });

  test.each(['isvc-model', 'isvc-containers'] as const)('every pod and container check inspects the %s InferenceService (check ran)', base => {
    const { inspected } = policyReport(BASES[base]().filter(o => o.kind === 'InferenceService'));
    const podChecks = ['K01', 'K02', 'K03', 'K04', 'K05', 'K06', 'K07', 'K08', 'K09', 'K10', 'K11', 'K12', 'K13', 'K14', 'K15', 'K16', 'K17', 'K18', 'K21', 'K24', 'K27', 'K28', 'K29', 'K30', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M09'];
    expect(podChecks.filter(id => !(inspected[id] > 0))).toEqual([]);
  });
});

test('container mutations reach serving and init containers of every base kind, InferenceServices included', () => {
  const covered = new Set(CASES.flatMap(c => c.cases).map(c => `${c.base}/${c.level}`));
  for (const want of ['deployment/main', 'deployment/init', 'job/main', 'isvc-model/main', 'isvc-containers/main', 'isvc-containers/init', 'torchserve/main']) {
    expect([want, covered.has(want)]).toEqual([want, true]);
  }
});

describe.each(CASES.map(c => [`${c.mutation.id} ${c.mutation.expect === 'fail' ? 'fails' : 'passes'}: ${c.mutation.name}`, c] as const))('%s', (_t, { mutation, cases }) => {
  test('applies to at least one base', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  test.each(cases.map(c => [c.title, c] as const))('%s', (_title, c) => {
    const { findings, inspected } = policyReport(c.build(), c.mutation.options);
    const mine = findings.filter(f => f.id === mutation.id);
    if (mutation.expect === 'pass') {
      expect(inspected[mutation.id]).toBeGreaterThan(0);
      expect(mine).toEqual([]);
      return;
    }
    const named = mine.filter(f => (c.object === undefined || describeRef(f.object) === c.object)
      && (f.container === undefined || c.container === undefined || f.container === c.container));
    expect(named.length).toBeGreaterThan(0);
  });
});

describe('rule table', () => {
  test('IDs are unique and cover the required checklist items', () => {
    expect(new Set(ids).size).toBe(ids.length);
    const required = [
      ...Array.from({ length: 21 }, (_, i) => `K${String(i + 1).padStart(2, '0')}`).filter(id => id !== 'K22' && id !== 'K23'),
      ...['K24', 'K25', 'K26', 'K27', 'K28', 'K29', 'K30', 'K31', 'K32', 'K34', 'K35', 'K36'],
      ...['M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M12'],
    ];
    expect(required.filter(id => !ids.includes(id))).toEqual([]);
  });

  test.each(ids)('%s has at least one pass fixture and one fail fixture', id => {
    const fails = CASES.filter(c => c.mutation.id === id && c.mutation.expect === 'fail' && c.cases.length > 0);
    expect(fails.length).toBeGreaterThan(0);
    const passingBases = BASE_NAMES.filter(b => (policyReport(BASES[b]()).inspected[id] ?? 0) > 0);
    expect(passingBases.length).toBeGreaterThan(0);
  });

  test('every rule names its upstream sources, a fix and a title', () => {
    for (const r of RULES) {
      expect(r.source.length).toBeGreaterThan(5);
      expect(r.fix.length).toBeGreaterThan(5);
      expect(r.title.length).toBeGreaterThan(3);
    }
  });

  test('Pod Security Standards and secret checks are errors; hygiene checks are warnings', () => {
    const severity = Object.fromEntries(RULES.map(r => [r.id, r.severity]));
    for (const id of ['K01', 'K02', 'K03', 'K04', 'K05', 'K06', 'K08', 'K09', 'K11', 'K12', 'K14', 'K21', 'M07']) expect([id, severity[id]]).toEqual([id, 'error']);
    for (const id of ['K07', 'K10', 'K13', 'K15', 'K16', 'K17', 'K19', 'K20', 'K24', 'K25', 'K26', 'K27', 'K28', 'K29', 'K31', 'K32', 'K34', 'K35', 'K36', 'M03', 'M05', 'M08']) {
      expect([id, severity[id]]).toEqual([id, 'warning']);
    }
  });
});

describe('findings', () => {
  function withPrivileged(): Obj[] {
    const o = deploymentBundle();
    o[1].spec.template.spec.containers[0].securityContext.privileged = true;
    return o;
  }

  test('name the object, field path, container, message, fix, docs anchor and source', () => {
    const f = checkManifests(withPrivileged());
    expect(f).toEqual([{
      id: 'K02', severity: 'error', object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: NS, name: 'chat' },
      path: 'spec.template.spec.containers[0].securityContext.privileged', container: 'server',
      message: 'securityContext.privileged is true',
      fix: 'set securityContext.privileged: false (or remove it)',
      docs: 'docs/policy-checks.md#k02',
      source: expect.stringContaining('PSA privileged'),
    } satisfies Finding]);
  });

  test('paths point into InferenceService components, init containers, CronJob templates and pods', () => {
    const isvc = isvcContainersBundle();
    isvc[1].spec.predictor.initContainers[0].securityContext.allowPrivilegeEscalation = true;
    isvc[1].spec.predictor.hostPID = true;
    expect(checkManifests(isvc).map(f => [f.id, f.path])).toEqual([
      ['K01', 'spec.predictor.hostPID'],
      ['K05', 'spec.predictor.initContainers[0].securityContext.allowPrivilegeEscalation'],
    ]);
    const model = isvcModelBundle();
    model[2].spec.predictor.model.securityContext.privileged = true;
    expect(checkManifests(model).map(f => f.path)).toEqual(['spec.predictor.model.securityContext.privileged']);
  });

  test('a finding about the object as a whole points at metadata.name', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    expect(checkManifests([pod]).find(f => f.id === 'K34')?.path).toBe('metadata.name');
  });

  test('InferenceService containers are named component/container', () => {
    const o = isvcModelBundle();
    o[2].spec.predictor.model.securityContext.privileged = true;
    expect(checkManifests(o).map(f => [describeRef(f.object), f.container])).toEqual([[`InferenceService ${NS}/embed`, 'predictor/kserve-container']]);
  });

  test('severity is per finding: literal Infinity default is an error, an explicit opt-in a warning', () => {
    const o = deploymentBundle();
    const c = o[1].spec.template.spec.containers[0];
    Object.assign(c, { image: 'michaelf34/infinity:0.0.77', command: ['infinity_emb', 'v2'], args: ['--model-id', '/mnt/models'] });
    expect(checkManifests(o, { ignore: ['K20'] }).filter(f => f.id === 'M01').map(f => f.severity)).toEqual(['error']);
    c.args.push('--trust-remote-code');
    expect(checkManifests(o, { ignore: ['K20'] }).filter(f => f.id === 'M01').map(f => f.severity)).toEqual(['warning']);
  });

  test('objects without a namespace are named Kind name', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    expect(checkManifests([pod]).find(f => f.id === 'K34')?.object).toEqual({ apiVersion: 'v1', kind: 'Pod', name: 'p' });
  });
});

test('M10: a KServe TorchServe model whose config lives in its storage is a warning, not an error', () => {
  const isvc = {
    apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'r', namespace: NS },
    spec: { predictor: { model: { modelFormat: { name: 'pytorch' }, storageUri: 'pvc://model-store/resnet' } } },
  };
  expect(checkManifests([isvc]).filter(f => f.id === 'M10').map(f => [f.severity, f.container])).toEqual([['warning', 'predictor/kserve-container']]);
});

describe('engine recognition', () => {
  const server = (spec: Obj) => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: NS },
    spec: { containers: [{ name: 'c', ...spec }] },
  });
  const engine = (spec: Obj) => policyReport([server(spec)], { ignore: ids.filter(i => i !== 'M08') }).findings.map(f => f.message);

  test('by image repository, with any registry in front', () => {
    expect(engine({ image: 'registry.example.com/mirror/vllm/vllm-openai:v0.11.0' })).toEqual(['vllm serves without an API key']);
  });

  test('by the command it starts, or the module after -m', () => {
    expect(engine({ image: 'example/custom:1', command: ['/usr/local/bin/vllm', 'serve', '/m'] })).toEqual(['vllm serves without an API key']);
    expect(engine({ image: 'example/custom:1', command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'] })).toEqual(['vllm serves without an API key']);
    expect(engine({ image: 'example/custom:1', args: ['text-embeddings-router', '--model-id', '/m'] })).toEqual(['tei serves without an API key']);
  });

  test('the image wins over a flag value naming another engine', () => {
    expect(engine({ image: 'kserve/huggingfaceserver:v0.20.0', args: ['--backend', 'vllm'] })).toEqual([]);
  });
});

describe('options', () => {
  test('ignore waives a check: it does not run and reports nothing', () => {
    const o = deploymentBundle();
    o[1].spec.template.spec.containers[0].securityContext.privileged = true;
    const r = policyReport(o, { ignore: ['K02'] });
    expect(r.findings).toEqual([]);
    expect(r.inspected.K02).toBeUndefined();
  });

  test('an unknown check ID in ignore is refused, naming the field, the value and the fix', () => {
    expect(() => checkManifests([], { ignore: ['K7'] })).toThrow(/^checkManifests: options.ignore "K7" is not a check ID; use IDs from docs\/policy-checks.md: K01, /);
  });

  test('objects that are not an array are refused', () => {
    expect(() => checkManifests({ kind: 'Deployment' } as unknown as unknown[])).toThrow('checkManifests: objects "object" is not an array; pass a list of objects');
  });

  test('requireDigest is off by default', () => {
    const o = jobBundle();
    o[1].spec.template.spec.containers[0].image = 'kserve/storage-initializer:v0.20.0';
    o[1].spec.template.spec.containers[0].imagePullPolicy = 'Always';
    expect(checkManifests(o)).toEqual([]);
    expect(checkManifests(o, { requireDigest: true }).map(f => f.id)).toEqual(['K19']);
  });
});

describe('pod spec extraction', () => {
  const base = (kind: string, apiVersion: string, spec: Obj) => ({ apiVersion, kind, metadata: { name: 'w', namespace: NS }, spec });
  const template = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ ...vllmServer(), securityContext: { privileged: true } }] } };

  test.each([
    ['Deployment', 'apps/v1', { template }],
    ['StatefulSet', 'apps/v1', { template }],
    ['DaemonSet', 'apps/v1', { template }],
    ['Job', 'batch/v1', { template }],
    ['CronJob', 'batch/v1', { schedule: '@daily', jobTemplate: { spec: { template } } }],
    ['Pod', 'v1', template.spec],
    ['InferenceService', 'serving.kserve.io/v1beta1', { predictor: template.spec }],
    ['InferenceService', 'serving.kserve.io/v1beta1', { predictor: { model: { modelFormat: { name: 'huggingface' } } }, transformer: template.spec }],
    ['InferenceService', 'serving.kserve.io/v1beta1', { predictor: { model: { modelFormat: { name: 'huggingface' } } }, explainer: template.spec }],
    ['InferenceService', 'serving.kserve.io/v1beta1', { predictor: { huggingface: { ...template.spec.containers[0] } } }],
    ['InferenceService', 'serving.kserve.io/v1beta1', { predictor: { model: { modelFormat: { name: 'huggingface' } }, workerSpec: template.spec } }],
    ['ServingRuntime', 'serving.kserve.io/v1alpha1', template.spec],
    ['ClusterServingRuntime', 'serving.kserve.io/v1alpha1', template.spec],
  ] as const)('finds the containers of a %s (%#)', (kind, apiVersion, spec) => {
    const f = checkManifests([base(kind, apiVersion, spec as Obj)]).filter(x => x.id === 'K02');
    expect(f.map(x => describeRef(x.object))).toEqual([`${kind} ${NS}/w`]);
  });

  test('initContainers of an InferenceService predictor are checked', () => {
    const o = isvcContainersBundle();
    o[1].spec.predictor.initContainers[0].securityContext.allowPrivilegeEscalation = true;
    expect(checkManifests(o).map(f => [f.id, f.container])).toEqual([['K05', 'predictor/model-download']]);
  });

  test('skips values that are not objects and kinds without pods', () => {
    expect(checkManifests([null, 'x', 3, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: NS, labels: { 'app.kubernetes.io/name': 'c', 'app.kubernetes.io/instance': 'c' } }, data: {} }])).toEqual([]);
  });
});
