import { HuggingFaceModel, renderVllmPredictor, ValidationError, VllmPredictorProps } from '../../src/core';
import { validatePeers } from '../../src/core/network';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const render = (p: Partial<VllmPredictorProps>) => renderVllmPredictor({ model, gpus: 1, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' });

/** Peer lists that would open more than they say, or are not peer lists at all. */
const BAD: readonly [string, unknown, RegExp][] = [
  ['an empty list', [], /allowFrom \[\] is empty/],
  ['an empty peer', [{}], /allowFrom\[0\] \{\} selects every pod of the model's namespace/],
  ['empty pod labels', [{ podLabels: {} }], /allowFrom\[0\]\.podLabels \{\} is empty, which selects every pod/],
  ['empty namespace labels', [{ namespaceLabels: {} }], /allowFrom\[0\]\.namespaceLabels \{\} is empty, which selects every namespace/],
  ['an IP block', [{ ipBlock: { cidr: '0.0.0.0/0' } }], /allowFrom\[0\]\.ipBlock .* is not a peer field/],
  ['a null peer', [null], /allowFrom\[0\] "null" is not a \{ namespace\?, podLabels\?, namespaceLabels\? \} peer/],
  ['a string', 'apps', /allowFrom "string" is not a list/],
  ['null', null, /allowFrom "null" is not a list/],
  ['an object', { namespace: 'apps' }, /allowFrom "an object" is not a list/],
  ['a class instance', [new (class Peer { namespace = 'apps'; })()], /is not a \{ namespace\?, podLabels\?, namespaceLabels\? \} peer/],
  ['a bad label key', [{ podLabels: { 'a b': 'x' } }], /podLabels\.a b "a b" is not a label key/],
  ['a bad label value', [{ podLabels: { app: 'x y' } }], /podLabels\.app "x y" is not a label value/],
  ['a namespace that is not a name', [{ namespace: 5 }], /allowFrom\[0\]\.namespace 5 is not a namespace name/],
  ['namespace by name and labels', [{ namespace: 'a', namespaceLabels: { t: 'x' } }], /selects the namespace both by name and by labels/],
];

describe('peer lists', () => {
  test.each(BAD)('%s is refused with a ValidationError', (_what, allowFrom, message) => {
    let err: unknown;
    try { render({ allowFrom: allowFrom as any }); } catch (e) { err = e; }
    expect(ValidationError.isValidationError(err)).toBe(true);
    expect((err as Error).message).toMatch(message);
  });

  test('narrow peers are accepted', () => {
    expect(() => validatePeers('p', [{ namespace: 'apps' }, { podLabels: { app: 'x' } }, { namespaceLabels: { team: 'a' }, podLabels: { 'example.com/app': 'y' } }])).not.toThrow();
  });

  test('leaving allowFrom out is the documented default: the model namespace', () => {
    const allow = render({}).objects.find(o => o.metadata.name === 'chat-allow') as any;
    expect(allow.spec.ingress[0].from).toEqual([{ podSelector: {} }]);
  });

  test('the same validation runs on TorchServe management peers', () => {
    // see test/core/torchserve-predictor.test.ts: managementAllowFrom [{}] is refused by validatePeers
    expect(() => validatePeers('p', [{ podLabels: {} }], 'managementAllowFrom')).toThrow(/managementAllowFrom\[0\]\.podLabels \{\} is empty/);
  });
});
