import { ValidationError } from '../../src/core/errors';
import { imagePullSecretRefs, validateImagePullSecrets } from '../../src/core/image-pull-secrets';
import { KnativeFeature } from '../../src/core/knative';
import { placementFields, validatePlacement } from '../../src/core/pod-placement';
import { IGpuNodePool } from '../../src/core/scheduling';
import { validateServiceAccount } from '../../src/core/service-account';

const P = 'serving/chat';
const err = (f: () => void) => { try { f(); } catch (e) { return e as ValidationError; } throw new Error('no error'); };
const pool: IGpuNodePool = {
  nodeSelector: { 'karpenter.sh/nodepool': 'l4-pool' },
  tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
};

describe('placement', () => {
  test('user tolerations are added to the pool\'s, duplicates dropped; nodeSelector and class names are passed through', () => {
    const f = placementFields({
      priorityClassName: 'ml-high', runtimeClassName: 'gvisor', nodeSelector: { 'cloud.google.com/gke-spot': 'true' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    }, pool);
    expect(f).toEqual({
      priorityClassName: 'ml-high', runtimeClassName: 'gvisor', nodeSelector: { 'cloud.google.com/gke-spot': 'true' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }, { key: 'spot', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    });
    expect(placementFields({}, undefined)).toEqual({});
  });

  test.each([
    [{ priorityClassName: 'High' }, 'priorityClassName "High" is not a valid object name'],
    [{ runtimeClassName: '' }, 'runtimeClassName "" is not a valid object name'],
    [{ nodeSelector: { 'karpenter.sh/nodepool': 'other' } }, 'contradicts the node pool'],
    [{ nodeSelector: { 'bad key': 'x' } }, 'is not a node label'],
    [{ tolerations: [{ key: 'a', operator: 'Exists', value: 'x', effect: 'NoSchedule' }] }, 'tolerations[0].value "x" is set with operator "Exists"'],
    [{ tolerations: [{ key: 'a', operator: 'Equal', effect: 'NoSchedule' }] }, 'tolerations[0].value (unset) is missing'],
    [{ tolerations: [{ key: 'a', operator: 'Is', effect: 'NoSchedule' }] }, 'tolerations[0].operator "Is"'],
    [{ tolerations: [{ key: 'a', operator: 'Exists', effect: 'Never' }] }, 'tolerations[0].effect "Never" is not a taint effect'],
  ])('refuses %j', (props, message) => {
    expect(err(() => validatePlacement(P, props as never, pool, false, undefined)).message).toContain(message);
  });

  test.each([
    ['priorityClassName', { priorityClassName: 'ml-high' }, KnativeFeature.PODSPEC_PRIORITY_CLASS_NAME],
    ['runtimeClassName', { runtimeClassName: 'gvisor' }, KnativeFeature.PODSPEC_RUNTIME_CLASS_NAME],
    ['nodeSelector', { nodeSelector: { a: 'b' } }, KnativeFeature.PODSPEC_NODE_SELECTOR],
    ['tolerations', { tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoSchedule' }] }, KnativeFeature.PODSPEC_TOLERATIONS],
  ] as const)('serverless: %s is refused naming the Knative feature, and accepted once declared', (field, props, feature) => {
    const e = err(() => validatePlacement(P, props as never, undefined, true, undefined));
    expect(e.message).toContain(`serving/chat: ${field} `);
    expect(e.message).toContain(`"${feature}"`);
    expect(e.message).toContain('ServingMode.KSERVE');
    expect(() => validatePlacement(P, props as never, undefined, true, [feature])).not.toThrow();
    expect(() => validatePlacement(P, props as never, undefined, false, undefined)).not.toThrow();
  });

  test('the refusal names the enum member to declare', () => {
    expect(err(() => validatePlacement(P, { nodeSelector: { a: 'b' } }, undefined, true, [])).fix)
      .toContain('knativeFeatures: [KnativeFeature.PODSPEC_NODE_SELECTOR]');
  });
});

describe('imagePullSecrets', () => {
  test('rendered as references', () => {
    expect(imagePullSecretRefs(['regcred', 'mirror'])).toEqual({ imagePullSecrets: [{ name: 'regcred' }, { name: 'mirror' }] });
    expect(imagePullSecretRefs([])).toEqual({});
  });
  test.each([
    [['Reg_Cred'], 'imagePullSecrets[0] "Reg_Cred" is not a Secret name'],
    [['a', 'a'], 'imagePullSecrets[1] "a" is listed twice'],
    ['regcred', 'is not a list'],
  ])('refuses %j', (v, message) => {
    expect(err(() => validateImagePullSecrets(P, v as never)).message).toContain(message);
  });
});

describe('serviceAccount', () => {
  test('annotations for the created account, or the name of an existing one', () => {
    expect(() => validateServiceAccount(P, { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/models-read' } }, [])).not.toThrow();
    expect(() => validateServiceAccount(P, { name: 'models-reader' }, [])).not.toThrow();
  });
  test.each([
    [{ name: 'Models' }, [], 'serviceAccount.name "Models" is not a valid ServiceAccount name'],
    [{ name: 'm', annotations: { a: 'b' } }, [], 'a ServiceAccount the construct does not create'],
    [{ name: 'm' }, ['hf-secret'], 'cannot carry the Hub token Secret "hf-secret"'],
    [{ annotations: { 'bad key': 'b' } }, [], 'serviceAccount.annotations["bad key"]'],
  ])('refuses %j', (sa, secrets, message) => {
    expect(err(() => validateServiceAccount(P, sa as never, secrets)).message).toContain(message);
  });
});
