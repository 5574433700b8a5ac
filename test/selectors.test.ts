import { Testing } from 'cdk8s';
import { EXAMPLES } from '../examples/cdk8s';
import { podLabelsOf, podSelectorOf, selects } from './support/selectors';

const WORKLOADS = ['InferenceService', 'Deployment', 'Job'];
const SELECTING = ['Service', 'NetworkPolicy', 'PodDisruptionBudget', 'PodMonitor', 'ServiceMonitor'];

describe.each(Object.keys(EXAMPLES))('example %s', id => {
  const objects = Testing.synth(EXAMPLES[id](Testing.app())) as any[];
  const workloads = objects.filter(o => WORKLOADS.includes(o.kind));
  const instance = (o: any) => o.metadata.labels?.['app.kubernetes.io/instance'];

  test('every model pod has a default-deny policy for Ingress and Egress', () => {
    expect(workloads.length).toBeGreaterThan(0);
    for (const w of workloads) {
      const deny = objects.filter(o => o.kind === 'NetworkPolicy' && !o.spec.ingress && !o.spec.egress
        && o.spec.policyTypes.includes('Ingress') && o.spec.policyTypes.includes('Egress') && selects(o.spec.podSelector, podLabelsOf(w)));
      expect(deny).toHaveLength(1);
    }
  });

  test('every Service, NetworkPolicy, PDB and monitor selects the pods of its own model, and only those', () => {
    for (const o of objects.filter(x => SELECTING.includes(x.kind))) {
      const mine = workloads.filter(w => instance(w) === instance(o));
      const others = workloads.filter(w => instance(w) !== instance(o));
      expect(mine).toHaveLength(1);
      expect(selects(podSelectorOf(o), podLabelsOf(mine[0]))).toBe(true);
      for (const other of others) expect(selects(podSelectorOf(o), podLabelsOf(other))).toBe(false);
    }
  });

  test('every HPA and ScaledObject targets its own Deployment', () => {
    for (const o of objects.filter(x => x.kind === 'HorizontalPodAutoscaler' || x.kind === 'ScaledObject')) {
      const d = objects.find(x => x.kind === 'Deployment' && x.metadata.name === o.spec.scaleTargetRef.name);
      expect(d).toBeDefined();
      expect(o.spec.scaleTargetRef.kind).toBe('Deployment');
      expect(instance(d)).toBe(instance(o));
      expect('replicas' in d.spec).toBe(false);
    }
  });

  test('a ServiceMonitor selects a Service that has the port it scrapes', () => {
    for (const m of objects.filter(x => x.kind === 'ServiceMonitor')) {
      const svc = objects.find(x => x.kind === 'Service' && selects(m.spec.selector, x.metadata.labels));
      expect(svc.spec.ports.map((p: any) => p.name)).toContain(m.spec.endpoints[0].port);
    }
  });

  test('a PodMonitor scrapes a port the serving container declares', () => {
    for (const m of objects.filter(x => x.kind === 'PodMonitor')) {
      const w = workloads.find(x => instance(x) === instance(m));
      const pod = w.kind === 'InferenceService' ? w.spec.predictor : w.spec.template.spec;
      const containers = pod.model ? [pod.model] : pod.containers;
      expect(containers[0].ports.map((p: any) => p.name)).toContain(m.spec.podMetricsEndpoints[0].port);
    }
  });
});

test('the selector helper follows Kubernetes semantics', () => {
  expect(selects({}, { a: '1' })).toBe(true);
  expect(selects({ matchLabels: { a: '1' } }, { a: '2' })).toBe(false);
  expect(selects({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, { a: '1' })).toBe(true);
  expect(selects({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, { a: '1' })).toBe(false);
});
