import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples/cdk8s';
import { normalize, pulumiObjectsFor } from './support/parity';
import { recordRegistrations } from './support/pulumi-mocks';
import { validateSchemas } from './support/schema';

const seen = recordRegistrations();
const built = Object.keys(EXAMPLES).map(id => {
  const chart = EXAMPLES[id](Testing.app());
  return { id, chart, objects: Testing.synth(chart) };
});
// one validator process for every example (compiling the KServe CRD schema takes seconds)
const verdicts = validateSchemas(built.flatMap(b => b.objects));

describe.each(built.map(b => [b.id, b] as const))('example %s', (_id, b) => {
  test('matches its snapshot', () => {
    expect(b.objects).toMatchSnapshot();
  });

  test('every object validates against its schema', () => {
    const start = built.slice(0, built.indexOf(b)).reduce((n, x) => n + x.objects.length, 0);
    const mine = verdicts.slice(start, start + b.objects.length);
    expect(mine.length).toBe(b.objects.length);
    expect(mine.filter(v => !v.ok)).toEqual([]);
  });

  test('the Pulumi components register exactly the objects cdk8s synthesizes', async () => {
    const fromPulumi = await pulumiObjectsFor(b.chart, seen);
    expect(normalize(fromPulumi)).toEqual(normalize(b.objects));
  });
});
