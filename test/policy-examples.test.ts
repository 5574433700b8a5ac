import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples/cdk8s';
import { policyReport } from '../src';

const built = Object.keys(EXAMPLES).map(id => ({ id, objects: Testing.synth(EXAMPLES[id](Testing.app())) }));

describe.each(built.map(b => [b.id, b] as const))('example %s', (_id, b) => {
  test('passes the policy checks with no error finding', () => {
    const { findings } = policyReport(b.objects);
    expect(findings.filter(f => f.severity === 'error')).toEqual([]);
  });

  test('the checks inspected its pods (not a vacuous pass)', () => {
    const { inspected } = policyReport(b.objects);
    for (const id of ['K01', 'K05', 'K06', 'K08', 'K14', 'K21', 'K28', 'K30', 'M07']) expect([id, inspected[id] > 0]).toEqual([id, true]);
  });
});
