import { App, Chart } from 'cdk8s';
import * as entry from '../../src';
import { constructProps } from '../../src/cdk8s/construct-props';
import { EXAMPLES } from '../../examples/cdk8s';

test('no construct of the library carries an underscore member (internals stay off the public surface)', () => {
  const app = new App();
  const charts: Chart[] = Object.values(EXAMPLES).map(make => make(app));
  const ours = charts.flatMap(c => c.node.findAll()).filter(c => constructProps(c) !== undefined);
  expect(new Set(ours.map(c => c.constructor.name))).toEqual(new Set(['VllmPredictor', 'LlmPredictor', 'HuggingFaceEmbeddingService',
    'TorchServePredictor', 'ModelCache', 'GpuNodePool', 'HubTokenExternalSecret']));
  const underscored = ours.flatMap(c => Object.keys(c).filter(k => k.startsWith('_')).map(k => `${c.node.path}.${k}`));
  expect(underscored).toEqual([]);
});

test('the cdk8s entry exports no plumbing: every runtime export is a construct, enum, factory, error, policy API or pinned table', () => {
  const plumbing = ['hardenedContainer', 'planAutoscaling', 'networkPolicies', 'renderServing', 'toNetworkPeers', 'withPlainPeers', 'ServingConstruct',
    'engineArgs', 'ENGINE_MODULES', 'validateModel', 'monitoringObjects', 'renderVllmPredictor'];
  expect(plumbing.filter(name => name in entry)).toEqual([]);
});
