/**
 * `npm run bench`: the library's synthesis cost against cdk8s-plus, measured in one run.
 *
 * For 10, 100 and 1,000 serving constructs (a mix of the three modes, vLLM and embedding services,
 * autoscaling on half, monitoring on a fifth, `allowFrom` peers on all) and, as the baseline, the
 * same number of cdk8s-plus Deployments each exposed through a Service, every case runs in a fresh
 * `node` process: build the charts and `app.synthYaml()` (real YAML, for both sides), repeated;
 * the process reports each run's time and its peak resident memory. Then each entry point's
 * `require` time is measured inside a fresh process (Node's own start-up is not counted).
 *
 * Printed: objects, median time (with min and max over the runs), objects/s, peak RSS, the
 * per-object time ratio to cdk8s-plus, the growth from 100 to 1,000, and the load times; last, the
 * line `ratio_vs_cdk8s_plus=<x>` (per-object time ratio at 1,000 constructs).
 */
import { execFileSync } from 'child_process';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const SIZES = [10, 100, 1000] as const;
const RUNS: Record<number, number> = { 10: 15, 100: 7, 1000: 3 };
const LOAD_RUNS = 7;
const ROOT = path.resolve(__dirname, '..');

type Side = 'library' | 'cdk8s-plus';

/** What one child process reports. */
interface CaseResult {
  readonly objects: number;
  readonly times: number[];
  readonly maxRssMiB: number;
}

/** Build `n` serving constructs of a realistic mix in charts of up to 50, and synthesize YAML. */
function synthLibrary(n: number): string {
  const { App, Chart } = require('cdk8s') as typeof import('cdk8s');
  const lib = require('hf-serving-constructs') as typeof import('../src');
  const modes = [lib.ServingMode.KSERVE, lib.ServingMode.KSERVE_SERVERLESS, lib.ServingMode.DEPLOYMENT];
  const chat = lib.HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
  const gte = lib.HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
  const app = new App({ outdir: os.tmpdir() });
  let chart = new Chart(app, 'c0', { namespace: 'ml-serving' });
  // autoscaled servers share a ReadWriteMany cache per chart and model; the others get the cache made for their model
  const sharedCaches = (c: InstanceType<typeof Chart>) => ({
    chat: new lib.ModelCache(c, 'chat-cache', { model: chat, size: '40Gi', accessModes: ['ReadWriteMany'], storageClassName: 'efs-sc' }),
    gte: new lib.ModelCache(c, 'gte-cache', { model: gte, size: '2Gi', accessModes: ['ReadWriteMany'], storageClassName: 'efs-sc' }),
  });
  let caches = sharedCaches(chart);
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 50 === 0) {
      chart = new Chart(app, `c${i / 50}`, { namespace: 'ml-serving' });
      caches = sharedCaches(chart);
    }
    const mode = modes[i % 3];
    const scaled = i % 2 === 0;
    const common = {
      mode,
      // serverless requests arrive through Knative's activator, so allowFrom is refused there
      ...(mode !== lib.ServingMode.KSERVE_SERVERLESS ? { allowFrom: [{ namespace: 'apps', podLabels: { app: `client-${i % 7}` } }] } : {}),
      ...(scaled ? { autoscaling: { minReplicas: 1, maxReplicas: 4 } } : {}),
      ...(i % 5 === 0 ? { monitoring: { namespace: 'monitoring' } } : {}),
    };
    if (i % 4 === 3) {
      new lib.HuggingFaceEmbeddingService(chart, `m${i}`, {
        model: gte, backend: lib.EmbeddingBackend.KSERVE, ...(scaled ? { cache: caches.gte } : {}), ...common,
      });
    } else {
      new lib.VllmPredictor(chart, `m${i}`, { model: chat, gpus: 1, ...(scaled ? { cache: caches.chat } : {}), ...common });
    }
  }
  return app.synthYaml();
}

/** The baseline: `n` cdk8s-plus Deployments, each exposed through a Service, in charts of up to 50. */
function synthCdk8sPlus(n: number): string {
  const { App, Chart, Size } = require('cdk8s') as typeof import('cdk8s');
  const kplus = require('cdk8s-plus-28') as typeof import('cdk8s-plus-28');
  const app = new App({ outdir: os.tmpdir() });
  let chart = new Chart(app, 'c0', { namespace: 'ml-serving' });
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 50 === 0) chart = new Chart(app, `c${i / 50}`, { namespace: 'ml-serving' });
    const deployment = new kplus.Deployment(chart, `m${i}`, {
      replicas: 1,
      containers: [{
        image: 'vllm/vllm-openai:v0.28.0',
        args: ['--model=/mnt/models', '--port=8000'],
        portNumber: 8000,
        resources: {
          cpu: { request: kplus.Cpu.units(4), limit: kplus.Cpu.units(4) },
          memory: { request: Size.gibibytes(32), limit: Size.gibibytes(32) },
        },
      }],
    });
    deployment.exposeViaService({ ports: [{ port: 80, targetPort: 8000 }] });
  }
  return app.synthYaml();
}

/** In a child: run one case `runs` times (after one warm-up run) and print the result as JSON. */
function runChild(side: Side, n: number, runs: number): void {
  const synth = side === 'library' ? synthLibrary : synthCdk8sPlus;
  synth(Math.min(n, 10)); // warm-up: load modules, JIT
  const times: number[] = [];
  let objects = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const yaml = synth(n);
    times.push(performance.now() - t0);
    objects = yaml.split(/^---$/m).filter(doc => doc.trim() !== '').length;
  }
  const result: CaseResult = { objects, times, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

/** A fresh process running this file with ts-node (transpile only) and the package path mapping. */
function child(args: string[]): string {
  return execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', __filename, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** `require` time of a module measured inside a fresh plain `node` process, in ms. */
function loadTime(module: string): number {
  const script = `const { performance } = require('perf_hooks'); const t = performance.now(); require(${JSON.stringify(module)}); process.stdout.write(String(performance.now() - t));`;
  return Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x: number, digits = 1): string => x.toFixed(digits);

function main(): void {
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${fmt(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average ${os.loadavg().map(l => fmt(l, 2)).join(' ')}`);
  console.log('each case: a fresh process, one warm-up run, then the runs below; time = build charts + app.synthYaml()\n');
  const results = new Map<string, CaseResult>();
  const header = ['side', 'constructs', 'objects', 'runs', 'median ms', 'min ms', 'max ms', 'objects/s', 'µs/object', 'peak RSS MiB'];
  console.log(header.join('\t'));
  for (const n of SIZES) {
    for (const side of ['library', 'cdk8s-plus'] as Side[]) {
      const r = JSON.parse(child(['--child', side, String(n), String(RUNS[n])])) as CaseResult;
      results.set(`${side}/${n}`, r);
      const m = median(r.times);
      console.log([side, n, r.objects, r.times.length, fmt(m), fmt(Math.min(...r.times)), fmt(Math.max(...r.times)),
        fmt(r.objects / (m / 1000), 0), fmt((m * 1000) / r.objects), fmt(r.maxRssMiB)].join('\t'));
    }
  }

  const perObject = (side: Side, n: number): number => {
    const r = results.get(`${side}/${n}`)!;
    return median(r.times) / r.objects;
  };
  console.log('');
  for (const n of SIZES) {
    console.log(`per-object time ratio library / cdk8s-plus at ${n} constructs: ${fmt(perObject('library', n) / perObject('cdk8s-plus', n), 2)} (target ≤ 1.5)`);
  }
  for (const side of ['library', 'cdk8s-plus'] as Side[]) {
    const growth = median(results.get(`${side}/1000`)!.times) / median(results.get(`${side}/100`)!.times);
    console.log(`growth 100 → 1,000 constructs (${side}): ${fmt(growth, 2)}× the time for 10× the constructs (linear = 10×)`);
  }

  console.log(`\nrequire time inside a fresh node process (Node start-up not counted), median of ${LOAD_RUNS} (min–max):`);
  const loads = new Map<string, number>();
  for (const module of ['hf-serving-constructs', 'hf-serving-constructs/pulumi', 'cdk8s', 'cdk8s-plus-28']) {
    const times = Array.from({ length: LOAD_RUNS }, () => loadTime(module));
    loads.set(module, median(times));
    const target = module === 'hf-serving-constructs' ? ' (target < 150 ms)' : '';
    console.log(`  ${module.padEnd(30)} ${fmt(median(times))} ms (${fmt(Math.min(...times))}–${fmt(Math.max(...times))})${target}`);
  }
  const own = loads.get('hf-serving-constructs')! - loads.get('cdk8s')!;
  console.log(`  the cdk8s entry beyond cdk8s itself (difference of the medians): ${fmt(own)} ms`);
  console.log(`\nratio_vs_cdk8s_plus=${fmt(perObject('library', 1000) / perObject('cdk8s-plus', 1000), 2)}`);
}

if (process.argv[2] === '--child') {
  runChild(process.argv[3] as Side, Number(process.argv[4]), Number(process.argv[5]));
} else {
  main();
}
