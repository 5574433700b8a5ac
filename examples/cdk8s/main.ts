import { App } from 'cdk8s';
import { EXAMPLES } from './index';

// `npm run synth` (or `cdk8s synth`): one manifest file per example chart under dist/.
const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
for (const build of Object.values(EXAMPLES)) build(app);
app.synth();
