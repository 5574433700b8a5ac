import { existsSync, mkdtempSync, rmSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { HuggingFaceModel, ValidationError, VllmPredictor } from 'hf-serving-constructs';
import { EXAMPLES } from '../examples/cdk8s';
import { synthCharts } from '../examples/cdk8s/synth';

// `npm run synth` lists each file it wrote with its object count, and fails on any error.
let outdir: string;
beforeEach(() => { outdir = mkdtempSync(path.join(os.tmpdir(), 'hf-synth-')); });
afterEach(() => rmSync(outdir, { recursive: true, force: true }));

test('reports one file per example chart, with the objects the chart synthesizes', () => {
  const ids = ['chat-kserve', 'qwen-cache-deployment'];
  const written = synthCharts(ids.map(id => EXAMPLES[id]), outdir);
  expect(written.map(w => path.basename(w.file))).toEqual(['chat-kserve.k8s.yaml', 'qwen-cache-deployment.k8s.yaml']);
  for (const [i, id] of ids.entries()) {
    expect(existsSync(written[i].file)).toBe(true);
    expect(written[i].objects).toBe(Testing.synth(EXAMPLES[id](Testing.app())).length);
  }
});

test('throws the construct\'s ValidationError instead of writing a partial result', () => {
  const broken = (app: App): Chart => {
    const chart = new Chart(app, 'broken');
    new VllmPredictor(chart, 'llm', { model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'main' }), gpus: 1 });
    return chart;
  };
  expect(() => synthCharts([broken], outdir)).toThrow(ValidationError);
});
