import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples/cdk8s';
import { blockingFindings, policyReport } from '../src';

/**
 * Examples that opt into something a check exists to flag, through a prop that names what it gives
 * up: the library writes a waiver annotation naming the prop, and the finding is reported as waived.
 * The test requires the waived finding to be present, so a waiver cannot outlive its reason.
 */
const WAIVED: Readonly<Record<string, { readonly check: string; readonly reason: string }>> = {
  'resnet-explicit-deployment': { check: 'M10', reason: 'modelControl: EXPLICIT (the TorchServe model API requested)' },
};

const built = Object.keys(EXAMPLES).map(id => ({ id, objects: Testing.synth(EXAMPLES[id](Testing.app())) }));

describe.each(built.map(b => [b.id, b] as const))('example %s', (_id, b) => {
  test('passes the policy checks with no error finding (waived findings carry their reason)', () => {
    const { findings } = policyReport(b.objects);
    expect(blockingFindings(findings)).toEqual([]);
    const waived = findings.filter(f => f.waived !== undefined).map(f => [f.id, f.waived]);
    const expected = WAIVED[b.id];
    expect([...new Set(waived.map(w => JSON.stringify(w)))]).toEqual(expected ? [JSON.stringify([expected.check, expected.reason])] : []);
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
  expect(blockingFindings(apiTourFindings)).toEqual([]);
});
