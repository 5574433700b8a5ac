import * as kplus from 'cdk8s-plus-28';
import { HuggingFaceModel, ValidationError, VllmPredictor } from '../../src';
import { only, synth, testChart } from '../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });

/** A selector as a second copy of cdk8s-plus would hand it over: same methods, another prototype. */
function foreignCopy(peer: kplus.INetworkPolicyPeer): kplus.INetworkPolicyPeer {
  return { toNetworkPolicyPeerConfig: () => peer.toNetworkPolicyPeerConfig(), toPodSelector: () => peer.toPodSelector() } as kplus.INetworkPolicyPeer;
}

const errorOf = (fn: () => unknown): Error | undefined => {
  try { fn(); } catch (e) { return e as Error; }
  return undefined;
};

describe('cdk8s-plus peers are recognised by what they do, not by instanceof', () => {
  test('a selector from another copy of cdk8s-plus is converted like our own', () => {
    const chart = testChart();
    const pods = kplus.Pods.select(chart, 'frontend', { labels: { app: 'chat-frontend' }, namespaces: kplus.Namespaces.select(chart, 'apps', { names: ['apps'] }) });
    new VllmPredictor(chart, 'chat', { model, allowFrom: [foreignCopy(pods) as any] });
    expect(only(synth(chart), 'NetworkPolicy', 'chat-allow').spec.ingress[0].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'apps' } }, podSelector: { matchLabels: { app: 'chat-frontend' } } },
    ]);
  });

  test.each([
    ['every pod of the namespace (Pods.all)', (c: any) => kplus.Pods.all(c, 'all'), /selects every pod of the model's namespace/],
    ['every namespace (Namespaces.all)', (c: any) => kplus.Namespaces.all(c, 'all'), /selects every namespace/],
    ['an IP block', (c: any) => kplus.NetworkPolicyIpBlock.anyIpv4(c, 'any'), /IP block/],
    ['an object that only pretends', () => ({ toNetworkPolicyPeerConfig: () => { throw new TypeError('boom'); } }), /could not be read as a network policy peer/],
  ])('%s is refused with a ValidationError', (_what, make, message) => {
    const chart = testChart();
    const e = errorOf(() => new VllmPredictor(chart, 'chat', { model, allowFrom: [make(chart) as any] }));
    expect(ValidationError.isValidationError(e)).toBe(true);
    expect(e!.message).toMatch(message);
  });
});
