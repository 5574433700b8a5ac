import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples/cdk8s';
import { policyReport } from '../src';

/**
 * Examples that opt into something a check exists to flag. Each waiver names the check and why; the
 * test also requires the waived finding to be present, so a waiver cannot outlive its reason.
 */
const WAIVERS: Readonly<Record<string, { readonly check: string; readonly why: string }>> = {
  'resnet-explicit-deployment': { check: 'M10', why: 'ModelControl.EXPLICIT turns the TorchServe model API on (test environments), which M10 reports' },
};

const built = Object.keys(EXAMPLES).map(id => ({ id, objects: Testing.synth(EXAMPLES[id](Testing.app())) }));

describe.each(built.map(b => [b.id, b] as const))('example %s', (_id, b) => {
  test('passes the policy checks with no error finding', () => {
    const { findings } = policyReport(b.objects);
    const waiver = WAIVERS[b.id];
    expect(findings.filter(f => f.severity === 'error' && f.id !== waiver?.check)).toEqual([]);
    if (waiver) expect(findings.some(f => f.id === waiver.check)).toBe(true);
  });

  test('the checks inspected its pods (not a vacuous pass)', () => {
    const { inspected } = policyReport(b.objects);
    for (const id of ['K01', 'K05', 'K06', 'K08', 'K14', 'K21', 'K28', 'K30', 'M07']) expect([id, inspected[id] > 0]).toEqual([id, true]);
  });
});

test('the API tour runs checkManifests over its own chart, as API.md does, and gets no error finding', async () => {
  const { apiTourChart, apiTourFindings } = await import('../examples/cdk8s/api-tour');
  apiTourChart(Testing.app());
  expect(apiTourFindings.length).toBeGreaterThan(0); // warnings exist (e.g. K07 UID 1000), so the checks ran
  expect(apiTourFindings.filter(f => f.severity === 'error')).toEqual([]);
});
