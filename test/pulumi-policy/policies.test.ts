import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as pulumi from '@pulumi/pulumi';
import YAML from 'yaml';
import { hfServingPolicies, kubernetesObject } from '../../src/pulumi-policy';
import { recordRegistrations, Registered, settle, unwrapSecrets } from '../support/pulumi-mocks';

const seen = recordRegistrations();
const root = path.resolve(__dirname, '../..');

/** The arguments `@pulumi/policy` passes a resource validation, for a resource with these inputs. */
function resourceArgs(type: string, name: string, props: Record<string, any>): any {
  return {
    type, name, props, urn: `urn:pulumi:test::hf-serving::${type}::${name}`, opts: {}, stackTags: new Map(),
    isType: () => false, asType: () => undefined, getConfig: () => ({}), notApplicable: () => { throw new Error('not applicable'); },
  };
}

/** Run one policy's validation and collect its violations. */
async function violations(policyName: string, args: any): Promise<{ message: string; urn?: string }[]> {
  const policy: any = hfServingPolicies().find(p => p.name === policyName);
  const out: { message: string; urn?: string }[] = [];
  const report = (message: string, urn?: string) => { out.push({ message, ...(urn ? { urn } : {}) }); };
  if (policy.validateResource) await policy.validateResource(args, report);
  else await policy.validateStack(args, report);
  return out;
}

function stackArgs(resources: Registered[]): any {
  return {
    resources: resources.map(r => ({ ...resourceArgs(r.type, r.name, unwrapSecrets(r.inputs)), dependencies: [], propertyDependencies: {} })),
    stackTags: new Map(), getConfig: () => ({}), notApplicable: () => { throw new Error('not applicable'); },
  };
}

async function runExample(stack: string): Promise<Registered[]> {
  const file = YAML.parse(fs.readFileSync(path.join(root, `Pulumi.${stack}.yaml`), 'utf8'));
  pulumi.runtime.setAllConfig({ ...file.config, 'hf-serving:hfToken': 'hf_example_token_value' }, ['hf-serving:hfToken']);
  seen.length = 0;
  jest.isolateModules(() => { require('../../examples/pulumi/index'); });
  await settle();
  return [...seen];
}

const hostNetwork = {
  metadata: { name: 'web', namespace: 'shop' },
  spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { hostNetwork: true, containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
};

describe('kubernetesObject', () => {
  test('reads kind and apiVersion from the type token, names the object after the resource when unnamed', () => {
    expect(kubernetesObject('kubernetes:apps/v1:Deployment', { spec: {} }, 'web')).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} });
    expect(kubernetesObject('kubernetes:core/v1:Secret', { metadata: { name: 's' } }, 'x')).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
  });

  test('a CustomResource keeps its own apiVersion and kind (InferenceService)', () => {
    const o = kubernetesObject('kubernetes:apiextensions.k8s.io:CustomResource', { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'chat' } }, 'chat');
    expect([o?.apiVersion, o?.kind]).toEqual(['serving.kserve.io/v1beta1', 'InferenceService']);
  });

  test.each(['kubernetes:yaml:ConfigFile', 'kubernetes:helm.sh/v3:Release', 'kubernetes:apps/v1:DeploymentPatch', 'kubernetes:core/v1:PodList', 'random:index/randomPassword:RandomPassword', 'pulumi:providers:kubernetes'])('%s is not a Kubernetes object', type => {
    expect(kubernetesObject(type, {}, 'x')).toBeUndefined();
  });
});

describe('policies', () => {
  test('four policies: single-object (validateResource) and cross-object (validateStack), errors mandatory, warnings advisory', () => {
    expect(hfServingPolicies().map((p: any) => [p.name, p.enforcementLevel, typeof p.validateResource, typeof p.validateStack])).toEqual([
      ['hf-serving-errors', 'mandatory', 'function', 'undefined'],
      ['hf-serving-warnings', 'advisory', 'function', 'undefined'],
      ['hf-serving-cross-object-errors', 'mandatory', 'undefined', 'function'],
      ['hf-serving-cross-object-warnings', 'advisory', 'undefined', 'function'],
    ]);
    expect(hfServingPolicies({ failOnWarnings: true }).map((p: any) => p.enforcementLevel)).toEqual(['mandatory', 'mandatory', 'mandatory', 'mandatory']);
  });

  test('validateResource reports a Deployment on the host network, naming check, object and path', async () => {
    const v = await violations('hf-serving-errors', resourceArgs('kubernetes:apps/v1:Deployment', 'web', hostNetwork));
    expect(v.map(x => x.message)).toContainEqual(expect.stringMatching(/^\[K01\] Deployment shop\/web spec\.template\.spec\.hostNetwork: hostNetwork is true\. Fix: /));
  });

  test('validateResource checks InferenceServices (CustomResource) too', async () => {
    const isvc = { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService', metadata: { name: 'chat', namespace: 'ml' }, spec: { predictor: { hostPID: true, model: { modelFormat: { name: 'huggingface' } } } } };
    const v = await violations('hf-serving-errors', resourceArgs('kubernetes:apiextensions.k8s.io:CustomResource', 'chat', isvc));
    expect(v.map(x => x.message)).toContainEqual(expect.stringContaining('[K01] InferenceService ml/chat spec.predictor.hostPID'));
  });

  test('a waiver annotation with a reason silences the finding in the pack', async () => {
    const waived = { ...hostNetwork, metadata: { ...hostNetwork.metadata, annotations: { 'ignore-check.hf-serving-constructs.io/K01': 'benchmark node' } } };
    const v = await violations('hf-serving-errors', resourceArgs('kubernetes:apps/v1:Deployment', 'web', waived));
    expect(v.filter(x => x.message.startsWith('[K01]'))).toEqual([]);
  });

  test('validateStack reports cross-object findings against the URN of the object', async () => {
    const deployment = { type: 'kubernetes:apps/v1:Deployment', name: 'web', inputs: hostNetwork } as Registered;
    const hpa = { type: 'kubernetes:autoscaling/v2:HorizontalPodAutoscaler', name: 'web', inputs: { metadata: { name: 'web', namespace: 'shop' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'missing' }, minReplicas: 2, maxReplicas: 4 } } } as Registered;
    const v = await violations('hf-serving-cross-object-warnings', stackArgs([deployment, hpa]));
    expect(v).toContainEqual({ message: expect.stringContaining('[K31] HorizontalPodAutoscaler shop/web spec.scaleTargetRef.name'), urn: 'urn:pulumi:test::hf-serving::kubernetes:autoscaling/v2:HorizontalPodAutoscaler::web' });
    expect((await violations('hf-serving-errors', resourceArgs('kubernetes:apps/v1:Deployment', 'web', hostNetwork))).some(x => x.message.startsWith('[K31]'))).toBe(false);
  });

  test.each(['dev', 'prod'])('the Pulumi example (stack %s) has no mandatory violation', async stack => {
    const resources = await runExample(stack);
    expect(resources.filter(r => kubernetesObject(r.type, r.inputs ?? {}, r.name)).length).toBeGreaterThan(3);
    const errors = [
      ...(await Promise.all(resources.map(r => violations('hf-serving-errors', resourceArgs(r.type, r.name, unwrapSecrets(r.inputs ?? {})))))).flat(),
      ...await violations('hf-serving-cross-object-errors', stackArgs(resources)),
    ];
    expect(errors).toEqual([]);
  });
});

describe('the policy pack folder', () => {
  test('PulumiPolicy.yaml and package.json describe a Node.js pack at the library version', () => {
    const pack = YAML.parse(fs.readFileSync(path.join(root, 'policy-pack/PulumiPolicy.yaml'), 'utf8'));
    expect(pack.runtime).toBe('nodejs');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'policy-pack/package.json'), 'utf8'));
    expect(pkg.version).toBe(require('../../package.json').version);
    expect(pkg.dependencies['@pulumi/policy']).toBe(require('../../package.json').devDependencies['@pulumi/policy']);
  });

  test('its program builds a PolicyPack named hf-serving with the four policies', () => {
    const built: any[] = [];
    jest.isolateModules(() => {
      jest.doMock('@pulumi/policy', () => ({ PolicyPack: function PolicyPack(this: any, name: string, args: any) { built.push({ name, args }); } }));
      require('../../policy-pack/index.js');
    });
    expect(built.map(b => [b.name, b.args.policies.map((p: any) => p.name)])).toEqual([['hf-serving', hfServingPolicies().map(p => p.name)]]);
  });

  test('loading the built policies loads neither cdk8s nor @pulumi/policy', () => {
    const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(root, 'lib/pulumi-policy'))}); console.log(JSON.stringify(Object.keys(require.cache)))`], { encoding: 'utf8' });
    const loaded: string[] = JSON.parse(out);
    expect(loaded.filter(f => /node_modules[\\/](cdk8s|cdk8s-plus-\d+|@pulumi[\\/]policy)[\\/]/.test(f))).toEqual([]);
  });
});
