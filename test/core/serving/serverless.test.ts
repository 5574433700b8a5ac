import { HuggingFaceModel, IModelCache, SecretRef, KnativeFeature, renderVllmPredictor, ServingMode, ValidationError, VllmPredictorProps } from '../../../src/core';
import { knativeViolations, predictorPodSpec } from '../../../src/core/knative';
import { requireKnativeAccepts } from '../../../src/core/serving/knative';
import { only, servingContainers, sharedCache } from '../../support/objects';

const model = HuggingFaceModel.fromHub('Qwen/Qwen2.5-7B-Instruct', { revision: 'a09a35458c702b33eeacc393d103063234e8bc28' });
const cache: IModelCache = { model, claimName: 'qwen-cache', subPath: 'models/qwen', markerFile: '.complete' };
const render = (p: Partial<VllmPredictorProps> = {}) =>
  renderVllmPredictor({ model, gpus: 1, mode: ServingMode.KSERVE_SERVERLESS, ...p }, { path: 'serving/chat', name: 'chat', namespace: 'ml-serving' });
const predictor = (p: Partial<VllmPredictorProps> = {}) => only(render(p).objects, 'InferenceService').spec.predictor;

describe('KSERVE_SERVERLESS output is what Knative accepts with its default config-features', () => {
  test('no pod securityContext; the restricted settings are on the container', () => {
    const pr = predictor();
    expect(pr.securityContext).toBeUndefined();
    expect(servingContainers({ kind: 'InferenceService', spec: { predictor: pr } })[0].securityContext).toMatchObject({
      runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(knativeViolations(predictorPodSpec(pr))).toEqual([]);
  });

  test('with kubernetes.podspec-securitycontext declared: the pod securityContext without fsGroupChangePolicy', () => {
    const pr = predictor({ knativeFeatures: [KnativeFeature.PODSPEC_SECURITY_CONTEXT] });
    expect(pr.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: 'RuntimeDefault' } });
    expect(JSON.stringify(pr)).not.toContain('fsGroupChangePolicy');
  });

  test('no topology spread unless its flag is declared', () => {
    expect(predictor({ replicas: 3, cache: sharedCache(model) }).topologySpreadConstraints).toBeUndefined();
    const declared = predictor({ replicas: 3, cache: sharedCache(model), knativeFeatures: [KnativeFeature.PODSPEC_TOPOLOGY_SPREAD_CONSTRAINTS] });
    expect(declared.topologySpreadConstraints).toHaveLength(2);
  });

  test('a startup probe with the startup budget, and a progress deadline 600s above it (plus the download budget of a cache made for the model)', () => {
    const pr = predictor({ startupTimeoutSeconds: 2400, cache });
    const c = servingContainers({ kind: 'InferenceService', spec: { predictor: pr } })[0];
    expect(c.startupProbe!.periodSeconds! * c.startupProbe!.failureThreshold!).toBe(2400);
    expect(c.livenessProbe!.initialDelaySeconds).toBeUndefined();
    expect(pr.annotations['serving.knative.dev/progress-deadline']).toBe('3000s');
    expect(predictor({ startupTimeoutSeconds: 2400 }).annotations['serving.knative.dev/progress-deadline']).toBe(`${3000 + 7200}s`);
  });
});

describe('the render guard: a serverless output carrying a field Knative refuses is a ValidationError naming the keys', () => {
  test('a cache needs no flag: KServe mounts it from storageUri pvc:// at pod admission', () => {
    expect(() => render({ cache })).not.toThrow();
    expect(() => render()).not.toThrow();
  });

  test('the in-pod download opt-in (an init container) without the flag names the key and the fix', () => {
    const run = () => render({ allowServingPodEgressForDownload: true, hfToken: SecretRef.of('hf', 'token') });
    expect(run).toThrow(ValidationError);
    expect(run).toThrow('serving/chat: predictor.initContainers');
    expect(run).toThrow('knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS]');
    expect(() => render({ allowServingPodEgressForDownload: true, hfToken: SecretRef.of('hf', 'token'), knativeFeatures: [KnativeFeature.PODSPEC_INIT_CONTAINERS] }))
      .not.toThrow();
  });

  test('the same props in KSERVE and DEPLOYMENT need no Knative flag', () => {
    for (const mode of [ServingMode.KSERVE, ServingMode.DEPLOYMENT]) expect(() => render({ cache, mode })).not.toThrow();
  });

  describe('mutations of a rendered predictor the guard refuses', () => {
    const base = predictor();
    const cases: [string, Record<string, unknown>, string][] = [
      ['fsGroupChangePolicy, even with the flag', { securityContext: { fsGroupChangePolicy: 'OnRootMismatch' } },
        'predictor.securityContext.fsGroupChangePolicy'],
      ['a pod securityContext', { securityContext: { runAsUser: 10001 } }, 'config-features key'],
      ['affinity', { affinity: { nodeAffinity: {} } }, '"kubernetes.podspec-affinity: enabled"'],
      ['nodeSelector', { nodeSelector: { a: 'b' } }, '"kubernetes.podspec-nodeselector: enabled"'],
      ['topology spread', { topologySpreadConstraints: [] }, '"kubernetes.podspec-topologyspreadconstraints: enabled"'],
      ['a field Knative never accepts', { terminationGracePeriodSeconds: 30 }, 'predictor.terminationGracePeriodSeconds'],
    ];
    test.each(cases)('%s', (_n, extra, msg) => {
      const declared = _n.startsWith('fsGroup') ? [KnativeFeature.PODSPEC_SECURITY_CONTEXT] : [];
      expect(() => requireKnativeAccepts('serving/chat', base, declared)).not.toThrow();
      expect(() => requireKnativeAccepts('serving/chat', { ...base, ...extra }, declared)).toThrow(ValidationError);
      expect(() => requireKnativeAccepts('serving/chat', { ...base, ...extra }, declared)).toThrow(msg);
    });
  });
});
