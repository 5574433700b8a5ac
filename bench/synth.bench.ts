/**
 * `npm run bench`: how fast the library renders and synthesizes, measured rather than asserted in tests.
 * Prints median and p95 over repeated runs for: the core render of one VllmPredictor, a cdk8s synth of
 * every example chart, and the cold require time of each entry point (a fresh node process each).
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Testing } from 'cdk8s';
import { HuggingFaceModel, ServingMode } from '../src';
import { renderVllmPredictor } from '../src/core/vllm-predictor';
import { EXAMPLES } from '../examples/cdk8s';

function measure(label: string, runs: number, fn: () => void): void {
  for (let i = 0; i < Math.min(5, runs); i++) fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  console.log(`${label.padEnd(48)} runs=${String(runs).padStart(4)}  median=${q(0.5).toFixed(3)} ms  p95=${q(0.95).toFixed(3)} ms`);
}

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
for (const mode of Object.values(ServingMode)) {
  measure(`core render VllmPredictor (${mode})`, 2000, () => renderVllmPredictor({ model, gpus: 2, mode }, { path: 'bench/chat', name: 'chat',
    namespace: 'ml-serving' }));
}
measure(`cdk8s synth of all ${Object.keys(EXAMPLES).length} example charts`, 50, () => {
  const app: App = Testing.app();
  for (const build of Object.values(EXAMPLES)) Testing.synth(build(app));
});

const root = path.resolve(__dirname, '..');
for (const entry of ['hf-serving-constructs', 'hf-serving-constructs/pulumi']) {
  measure(`cold require('${entry}') (needs npm run build)`, 5, () => {
    execFileSync(process.execPath, ['-e', `require(${JSON.stringify(entry)})`], { cwd: root });
  });
}
