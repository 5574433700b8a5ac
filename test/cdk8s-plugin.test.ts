import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { parse, stringify } from 'yaml';
import { EXAMPLES } from '../examples/cdk8s';

const root = join(__dirname, '..');
const PLUGIN = join(root, 'lib/cdk8s-plugin');
const CDK8S = join(root, 'node_modules/.bin/cdk8s');
// The cdk8s CLI's own loader and context: the interface `cdk8s synth` calls.
const { PluginManager } = require(join(root, 'node_modules/cdk8s-cli/lib/plugins/_manager.js'));
const { ValidationPlugin } = require(join(root, 'node_modules/cdk8s-cli/lib/plugins/validation.js'));

function writeManifest(dir: string, name: string, objects: unknown[]): string {
  const file = join(dir, `${name}.k8s.yaml`);
  writeFileSync(file, objects.map(o => `---\n${stringify(o)}`).join(''));
  return file;
}

/** Load and run the plugin as `cdk8s synth` does (ValidationPlugin.load with the CLI's PluginManager), from `cwd`. */
async function validateWithCli(entry: { package: string; version: string; class: string; properties?: object }, manifests: string[], cwd = root) {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const { plugin, context } = ValidationPlugin.load(entry, { manifests }, false, new PluginManager(join(tmpdir(), 'no-plugin-downloads')));
    await plugin.validate(context);
    return context.report;
  } finally {
    process.chdir(before);
  }
}

const hostNetworkDeployment = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { hostNetwork: true, containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
};

describe('the example app\'s cdk8s.yaml', () => {
  const config = parse(readFileSync(join(root, 'cdk8s.yaml'), 'utf8'));
  const entry = config.validations[0];

  test('names the plugin by a local path (nothing is downloaded) and the package version', () => {
    expect(entry).toEqual({ package: './lib/cdk8s-plugin', version: require('../package.json').version, class: 'HfServingValidation', properties: expect.any(Object) });
  });

  test.each(Object.keys(EXAMPLES))('the plugin passes example %s', async id => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-plugin-'));
    const report = await validateWithCli(entry, [writeManifest(dir, id, Testing.synth(EXAMPLES[id](Testing.app())))]);
    expect(report.toJson().violations.filter((v: any) => v.ruleName.endsWith('(error)'))).toEqual([]);
    expect(report.success).toBe(true);
  });

  test('the plugin fails a chart with an error finding, naming check, object and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-plugin-'));
    const report = await validateWithCli(entry, [writeManifest(dir, 'bad', [hostNetworkDeployment])]);
    expect(report.success).toBe(false);
    const k01 = report.toJson().violations.find((v: any) => v.ruleName.startsWith('K01 '));
    expect(k01.violatingConstructs).toEqual([expect.objectContaining({ resourceName: 'web', locations: ['Deployment spec.template.spec.hostNetwork (line 16)'] })]);
  });

  test('failOnWarnings fails a report with warnings only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hf-plugin-'));
    const file = writeManifest(dir, 'chat', Testing.synth(EXAMPLES['chat-deployment'](Testing.app())));
    expect((await validateWithCli({ ...entry, properties: { failOnWarnings: true } }, [file])).success).toBe(false);
  });
});

describe('cdk8s synth (the pinned cdk8s-cli, offline) with the plugin in cdk8s.yaml', () => {
  /** A cdk8s app in a temp folder, built on the compiled library, with the plugin configured. */
  function project(appBody: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'hf-cdk8s-'));
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'app.js'), [
      `const { App, Chart, ApiObject } = require(${JSON.stringify(require.resolve('cdk8s'))});`,
      `const lib = require(${JSON.stringify(join(root, 'lib/index.js'))});`,
      'const app = new App();',
      'const chart = new Chart(app, "serving", { namespace: "ml-serving" });',
      appBody,
      'app.synth();',
    ].join('\n'));
    writeFileSync(join(dir, 'cdk8s.yaml'), stringify({
      language: 'typescript', app: 'node app.js', output: 'dist',
      validations: [{ package: PLUGIN, version: require('../package.json').version, class: 'HfServingValidation' }],
    }));
    return dir;
  }

  function synth(dir: string) {
    const r = spawnSync(CDK8S, ['synth', '--no-check-upgrade'], { cwd: dir, encoding: 'utf8', env: { ...process.env, CDK8S_CHECK_UPGRADE: 'false' } });
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  }

  test('passes a chart of the library\'s constructs', () => {
    const dir = project([
      'new lib.VllmPredictor(chart, "chat", {',
      '  model: lib.HuggingFaceModel.fromHub("Qwen/Qwen2.5-0.5B-Instruct", { revision: "a8b602d9dafd3a75d382e62757d83d89fca3be54" }),',
      '  gpus: 1, mode: lib.ServingMode.DEPLOYMENT,',
      '});',
    ].join('\n'));
    const r = synth(dir);
    expect(r.out).toContain('Validations ended succesfully');
    expect(r.code).toBe(0);
  });

  test('fails a chart with a hand-written Deployment on the host network (exit 2, report names K01 and the path)', () => {
    const dir = project(`new ApiObject(chart, "web", ${JSON.stringify(hostNetworkDeployment)});`);
    const r = synth(dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('K01 no host namespaces (error)');
    expect(r.out).toContain('Deployment spec.template.spec.hostNetwork');
    expect(r.out).toContain('Validation failed');
  });
});
