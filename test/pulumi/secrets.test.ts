import * as pulumi from '@pulumi/pulumi';
import { EmbeddingBackend, HuggingFaceModel, SecretRef, ServingMode } from '../../src';
import { HuggingFaceEmbeddingService, ModelCache, VllmPredictor } from '../../src/pulumi';
import { kubeObjects, recordRegistrations, settle } from '../support/pulumi-mocks';
import { ownDeliveryFeatures } from '../support/knative';

const seen = recordRegistrations();
const model = HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', { revision: '8c2ed5a5e7f7a0b6d8c3e9f1a2b4c6d8e0f1a3b5' });
const gte = HuggingFaceModel.fromHub('thenlper/gte-base', { revision: '5e95d41db6721e7cbd5006e99c7508f0083223d6' });
const TOKEN = 'hf_literal_token_value_0123456789';
const KEY = 'api-key-literal-value-9876543210';

let warnings: string[];
beforeEach(() => {
  seen.length = 0;
  warnings = [];
  jest.spyOn(pulumi.log, 'warn').mockImplementation(async (msg: string) => { warnings.push(msg); });
});
afterEach(() => jest.restoreAllMocks());

describe('a token that is not a Pulumi secret logs a warning (it is still stored only in a Secret)', () => {
  test('a plain string hfToken and apiKey', async () => {
    new VllmPredictor('plain', { namespace: 'ml-serving', model, gpus: 1, mode: ServingMode.DEPLOYMENT, hfToken: TOKEN, apiKey: KEY });
    await settle();
    expect(warnings).toEqual([
      expect.stringContaining("hfToken is not a Pulumi secret"),
      expect.stringContaining("apiKey is not a Pulumi secret"),
    ]);
    expect(warnings[0]).toContain("pulumi.Config#requireSecret('hfToken')");
    expect(warnings.join(' ')).not.toContain(TOKEN);
    expect(warnings.join(' ')).not.toContain(KEY);
  });

  test('an Output not marked secret (e.g. config.require) warns; a secret Output and a SecretRef do not', async () => {
    new ModelCache('cache', { namespace: 'ml-serving', model, size: '40Gi', hfToken: pulumi.output(TOKEN) });
    new VllmPredictor('secret', { namespace: 'ml-serving', model, gpus: 1, hfToken: pulumi.secret(TOKEN), apiKey: SecretRef.of('k', 'key') });
    await settle();
    expect(warnings).toEqual([expect.stringContaining('hfToken is not a Pulumi secret')]);
  });
});

describe.each([ServingMode.DEPLOYMENT, ServingMode.KSERVE, ServingMode.KSERVE_SERVERLESS])('in %s mode a secret token and key appear in plain form in no other resource', mode => {
  function expectOnlyInSecrets(): void {
    const objs = kubeObjects(seen);
    const secrets = objs.filter(o => o.kind === 'Secret');
    expect(secrets.map(s => s.metadata.name).sort()).toEqual(expect.arrayContaining([expect.stringMatching(/-hf-token$/)]));
    // in the Secrets the value travels as a Pulumi secret (the mocks see the secret envelope)
    for (const s of secrets) expect(s.stringData['4dabf18193072939515e22adb298388d']).toBe('1b47061264138c4ac30d75fd1eb44270');
    const others = seen.filter(r => r.inputs?.kind !== 'Secret');
    expect(JSON.stringify(others.map(r => r.inputs))).not.toContain(TOKEN);
    expect(JSON.stringify(others.map(r => r.inputs))).not.toContain(KEY);
  }

  test('VllmPredictor', async () => {
    new VllmPredictor('llm', { namespace: 'ml-serving', model, gpus: 1, mode, hfToken: pulumi.secret(TOKEN), apiKey: pulumi.secret(KEY),
      ...ownDeliveryFeatures(mode) });
    await settle();
    expectOnlyInSecrets();
  });

  test('HuggingFaceEmbeddingService (TEI), with a late namespace', async () => {
    const ns = pulumi.output(new Promise<string>(r => setImmediate(() => r('ml-serving'))));
    new HuggingFaceEmbeddingService('emb', { namespace: ns, model: gte, backend: EmbeddingBackend.TEI, mode, hfToken: pulumi.secret(TOKEN),
      apiKey: pulumi.secret(KEY), ...ownDeliveryFeatures(mode) });
    for (let i = 0; i < 4; i++) await settle();
    expectOnlyInSecrets();
  });

  test('ModelCache and the predictor serving from it', async () => {
    const cache = new ModelCache('cache', { namespace: 'ml-serving', model, size: '40Gi', hfToken: pulumi.secret(TOKEN) });
    new VllmPredictor('cached', { namespace: 'ml-serving', model, cache, gpus: 1, mode, apiKey: pulumi.secret(KEY), ...ownDeliveryFeatures(mode) });
    await settle();
    expectOnlyInSecrets();
  });
});

describe('the Secrets a component creates carry its labels and metadata, as every other object', () => {
  test('VllmPredictor: standard labels plus the user\'s metadata (a late label included)', async () => {
    const team = pulumi.output(new Promise<string>(r => setImmediate(() => r('search'))));
    new VllmPredictor('llm', {
      namespace: 'ml-serving', model, gpus: 1, mode: ServingMode.DEPLOYMENT, hfToken: pulumi.secret(TOKEN),
      metadata: { labels: { team, 'example.com/cost-center': 'ml-42' }, annotations: { 'example.com/owner': 'search@example.com' } },
    });
    for (let i = 0; i < 4; i++) await settle();
    const secret = kubeObjects(seen).find(o => o.kind === 'Secret');
    expect(secret.metadata).toEqual({
      name: 'llm-hf-token', namespace: 'ml-serving',
      labels: {
        'team': 'search', 'example.com/cost-center': 'ml-42',
        'app.kubernetes.io/name': 'llm', 'app.kubernetes.io/instance': 'llm', 'app.kubernetes.io/component': 'credentials',
        'app.kubernetes.io/part-of': 'hf-serving', 'app.kubernetes.io/managed-by': 'hf-serving-constructs',
      },
      annotations: { 'example.com/owner': 'search@example.com' },
    });
    const deployment = kubeObjects(seen).find(o => o.kind === 'Deployment');
    expect(deployment.metadata.labels.team).toBe('search');
  });

  test('ModelCache (no metadata prop): the standard labels', async () => {
    new ModelCache('cache', { namespace: 'ml-serving', model, size: '40Gi', hfToken: pulumi.secret(TOKEN) });
    await settle();
    const secret = kubeObjects(seen).find(o => o.kind === 'Secret');
    expect(secret.metadata.labels['app.kubernetes.io/instance']).toBe('cache');
    expect(secret.metadata.annotations).toBeUndefined();
  });
});
