import { EXAMPLES } from './index';
import { synthCharts } from './synth';

// `npm run synth` (or `cdk8s synth`): one manifest file per example chart under dist/, then a list of
// what was written (file, object count). Any error is printed and the process exits non-zero.
try {
  const written = synthCharts(Object.values(EXAMPLES), process.env.CDK8S_OUTDIR ?? 'dist');
  for (const w of written) console.log(`${w.file}\t${w.objects} objects`);
  console.log(`wrote ${written.length} files, ${written.reduce((n, w) => n + w.objects, 0)} objects`);
} catch (e) {
  console.error(`npm run synth failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
