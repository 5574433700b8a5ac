import { spawnSync } from 'child_process';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { EXAMPLES } from '../../examples/cdk8s';
import { main } from '../../src/cli/hf-serving-check';

const root = join(__dirname, '../..');
const CLI = join(root, 'lib/cli/hf-serving-check.js');
const FIXTURES = 'test/cli/fixtures';

/** Run the built CLI (what `npx hf-serving-check` runs) from the repository root. */
function run(args: string[], stdin?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: root, input: stdin ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Multi-document YAML of one example chart. */
function exampleYaml(id: string, edit: (objects: any[]) => void = () => undefined): string {
  const objects = Testing.synth(EXAMPLES[id](Testing.app())) as any[];
  edit(objects);
  return objects.map(o => `---\n${stringify(o)}`).join('');
}

describe('the built CLI', () => {
  test('package.json names it as the hf-serving-check bin, built into lib/', () => {
    const pkg = require('../../package.json');
    expect(pkg.bin).toEqual({ 'hf-serving-check': 'lib/cli/hf-serving-check.js' });
  });

  test('table: a folder (recursively, YAML and JSON, List items) gives one line per finding with file:line, object and path; exit 1', () => {
    const r = run([`${FIXTURES}/folder`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^SEVERITY\s+CHECK\s+LOCATION\s+OBJECT\s+PATH\s+MESSAGE$/m);
    expect(r.stdout).toMatch(/^error\s+K01\s+test\/cli\/fixtures\/folder\/host-network\.yaml:15\s+Deployment shop\/web\s+spec\.template\.spec\.hostNetwork\s+hostNetwork is true/m);
    expect(r.stdout).toMatch(/^error\s+K02\s+test\/cli\/fixtures\/folder\/nested\/list\.json:11\s+Pod shop\/debug\s+spec\.containers\[0\]\.securityContext\.privileged \[shell\]/m);
    expect(r.stdout).toMatch(/^\d+ error\(s\), \d+ warning\(s\), 0 waived$/m);
    expect(r.stdout).not.toContain('README');
  });

  test('json: findings with object, path, docs, file and line, plus a summary', () => {
    const r = run(['--format', 'json', `${FIXTURES}/folder/host-network.yaml`]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    const k01 = out.findings.find((f: any) => f.id === 'K01');
    expect(k01).toEqual(expect.objectContaining({
      severity: 'error', object: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop', name: 'web' },
      path: 'spec.template.spec.hostNetwork', docs: 'docs/policy-checks.md#k01',
      file: 'test/cli/fixtures/folder/host-network.yaml', line: 15,
    }));
    expect(out.summary.errors).toBe(out.findings.filter((f: any) => f.severity === 'error').length);
  });

  test('sarif: SARIF 2.1.0 with every rule in tool.driver.rules and results code scanning can place', () => {
    const r = run(['--format=sarif', `${FIXTURES}/folder`]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('hf-serving-check');
    const ruleIds = driver.rules.map((x: any) => x.id);
    expect(ruleIds).toContain('K01');
    for (const rule of driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    for (const res of results) {
      expect(ruleIds[res.ruleIndex]).toBe(res.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      const loc = res.locations[0];
      expect(loc.physicalLocation.artifactLocation.uri).toMatch(/^test\/cli\/fixtures\/folder\/.+\.(yaml|json)$/);
      expect(loc.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.logicalLocations[0].fullyQualifiedName).toContain(':');
      expect(Object.values(res.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
    const k01 = results.find((x: any) => x.ruleId === 'K01');
    expect(k01.locations[0].physicalLocation.region.startLine).toBe(15);
    expect(k01.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Deployment shop/web:spec.template.spec.hostNetwork');
  });

  test('stdin: an example chart has no blocking finding (exit 0; its warnings are listed)', () => {
    const r = run(['-'], exampleYaml('chat-deployment'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning\s+[KM]\d\d\s+-:\d+\s+Deployment ml-serving\/chat/m);
    expect(run(['--fail-on-warnings', '-'], exampleYaml('chat-deployment')).code).toBe(1);
  });

  test('stdin: a patched example fails, and a waiver annotation with a reason clears it (reported as waived)', () => {
    const patch = (objects: any[]) => { objects.find(o => o.kind === 'Deployment').spec.template.spec.hostNetwork = true; };
    expect(run(['-'], exampleYaml('chat-deployment', patch)).code).toBe(1);
    const waived = exampleYaml('chat-deployment', objects => {
      patch(objects);
      const d = objects.find(o => o.kind === 'Deployment');
      d.metadata.annotations = { ...d.metadata.annotations, 'ignore-check.hf-serving-constructs.io/K01': 'benchmark on a dedicated node' };
    });
    const r = run(['--format', 'json', '-'], waived);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.filter((f: any) => f.id === 'K01').map((f: any) => f.waived)).toEqual(['benchmark on a dedicated node']);
    const sarif = JSON.parse(run(['--format', 'sarif', '-'], waived).stdout);
    expect(sarif.runs[0].results.find((x: any) => x.ruleId === 'K01').suppressions).toEqual([{ kind: 'inSource', justification: 'benchmark on a dedicated node' }]);
  });

  test('--external declares a referenced Secret created elsewhere (K37)', () => {
    // without the library's own declaration of the Secrets its props name
    const yaml = exampleYaml('private-llm-deployment', objects => objects.forEach(o => delete o.metadata.annotations?.['external.hf-serving-constructs.io/refs']));
    const secrets = (args: string[]) => JSON.parse(run(['--format', 'json', ...args, '-'], yaml).stdout).findings.filter((f: any) => f.id === 'K37').length;
    expect(secrets([])).toBeGreaterThan(0);
    expect(secrets(['--external', 'Secret/hf-secret', '--external', 'Secret/llm-api-key'])).toBeLessThan(secrets([]));
  });

  test.each([
    [[], 'give at least one file'],
    [['--format', 'xml', 'x.yaml'], '--format xml is not one of table, json, sarif'],
    [['--bogus', 'x.yaml'], 'unknown option --bogus'],
    [['--ignore', 'K99', 'x.yaml'], '--ignore K99 is not a check ID'],
    [['--external', 'Pod/x', 'x.yaml'], 'is not Secret/NAME'],
    [['test/cli/fixtures/missing.yaml'], 'no such file or folder'],
    [[`${FIXTURES}/broken.yaml`], 'broken.yaml:'],
  ])('exit 2 on a usage or input error: %j', (args, message) => {
    const r = run(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  test('--help prints the usage and exits 0', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: hf-serving-check [--format table|json|sarif]');
  });
});

describe.each(Object.keys(EXAMPLES))('example %s through the CLI (in process)', id => {
  test('no blocking finding: exit 0', () => {
    let out = '';
    const code = main(['--format', 'json', '-'], { stdout: t => { out += t; }, stderr: t => { out += t; }, readStdin: () => exampleYaml(id) });
    expect([code, JSON.parse(out).summary.errors]).toEqual([0, 0]);
  });
});
