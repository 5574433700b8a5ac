import * as pulumi from '@pulumi/pulumi';
import { ConfigMap } from '@pulumi/kubernetes/core/v1/configMap';
import { Provider } from '@pulumi/kubernetes/provider';
import { HuggingFaceModel, ServingMode } from '../../src';
import { GpuNodePool, HubTokenExternalSecret, HuggingFaceEmbeddingService, ModelCache, TorchServePredictor, VllmPredictor } from '../../src/pulumi';
import { recordRegistrations, Registered, settle, valueOf } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });

beforeEach(() => { seen.length = 0; });

/** Every component kind (serving ones in DEPLOYMENT mode, the most objects), with the given options. */
function everyComponent(opts: pulumi.ComponentResourceOptions): pulumi.ComponentResource[] {
  return [
    new VllmPredictor('llm', { namespace: 'ml-serving', model, gpus: 1, mode: ServingMode.DEPLOYMENT, hfToken: pulumi.secret('hf_x_value') }, opts),
    new HuggingFaceEmbeddingService('emb', { namespace: 'ml-serving', model: gte, mode: ServingMode.DEPLOYMENT }, opts),
    new TorchServePredictor('ts', { namespace: 'ml-serving', storageUri: 'pvc://store/resnet', models: ['resnet-18.mar'], mode: ServingMode.DEPLOYMENT }, opts),
    new ModelCache('cache', { namespace: 'ml-serving', model, size: '40Gi' }, opts),
    new GpuNodePool('gpus', { gpuType: 'nvidia-l4', maxGpus: 4 }, opts),
    new HubTokenExternalSecret('token', { namespace: 'ml-serving', storeName: 'vault', remoteKey: 'hf/token' }, opts),
  ];
}
const children = (): Registered[] => seen.filter(r => r.inputs?.kind);

test('provider: every child is managed by the component\'s provider', async () => {
  const provider = new Provider('other-cluster', { kubeconfig: 'fake' });
  everyComponent({ provider });
  await settle();
  const ref = `${await valueOf(provider.urn)}::${await valueOf(provider.id)}`;
  expect(children().length).toBeGreaterThan(20);
  expect(children().filter(r => r.options.provider !== ref).map(r => r.name)).toEqual([]);
});

test('protect: every child is protected', async () => {
  everyComponent({ protect: true });
  await settle();
  expect(children().filter(r => r.options.protect !== true).map(r => r.name)).toEqual([]);
});

test('transformations: run for every child, and what they change is registered', async () => {
  const visited: string[] = [];
  everyComponent({
    transformations: [args => {
      visited.push(args.name);
      if (args.props.metadata === undefined) return undefined;
      return { props: { ...args.props, metadata: { ...args.props.metadata, labels: { ...args.props.metadata.labels, 'example.com/team': 'search' } } }, opts: args.opts };
    }],
  });
  await settle();
  expect(children().every(r => visited.includes(r.name))).toBe(true);
  expect(children().filter(r => r.inputs.metadata.labels?.['example.com/team'] !== 'search').map(r => r.name)).toEqual([]);
});

test('aliases: the component carries them and every child is parented to it (the engine derives child aliases from the parent)', async () => {
  const [llm] = everyComponent({ aliases: [{ name: 'old-llm' }] });
  await settle();
  const component = seen.find(r => r.name === 'llm')!;
  expect(component.options.aliases).toEqual([expect.objectContaining({ spec: expect.objectContaining({ name: 'old-llm' }) })]);
  const urn = await valueOf(llm.urn);
  expect(children().filter(r => r.name.startsWith('llm-')).every(r => r.parent === urn)).toBe(true);
});

test('dependsOn: every child waits for what the component depends on (e.g. the operator installing the CRDs)', async () => {
  const operator = new ConfigMap('operator', { metadata: { name: 'operator' } });
  everyComponent({ dependsOn: [operator] });
  await settle();
  const urn = await valueOf(operator.urn);
  expect(children().filter(r => r.name !== 'operator' && !r.options.dependencies.includes(urn)).map(r => r.name)).toEqual([]);
});
