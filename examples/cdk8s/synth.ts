import { readFileSync } from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';

/** One file `npm run synth` wrote. */
export interface WrittenFile {
  /** Path of the manifest file. */
  readonly file: string;
  /** Number of Kubernetes objects in it. */
  readonly objects: number;
}

/**
 * Synthesize the given charts into `outdir` (one `<chart id>.k8s.yaml` per chart) and report, per
 * chart, the file written and how many objects it holds (read back from the file). Throws on any
 * error: a construct's `ValidationError`, a file that cannot be written, or YAML that does not parse.
 */
export function synthCharts(builders: readonly ((app: App) => Chart)[], outdir: string): WrittenFile[] {
  const app = new App({ outdir });
  const charts = builders.map(build => build(app));
  app.synth();
  return charts.map(chart => {
    const file = path.join(outdir, `${chart.node.id}.k8s.yaml`);
    const docs = parseAllDocuments(readFileSync(file, 'utf8'));
    const error = docs.flatMap(d => d.errors)[0];
    if (error) throw new Error(`${file}: ${error.message}`);
    return { file, objects: docs.filter(d => d.contents !== null).length };
  });
}
