import { App, Chart, Testing } from 'cdk8s';
import { IModelCache } from '../../src/core/cache';
import { MARKER_FILE } from '../../src/core/download';
import { Container, KubeObject } from '../../src/core/kube';
import { HuggingFaceModel } from '../../src/core/model';
import { cacheSubPath } from '../../src/core/model-cache';

/** A chart with a namespace, as every serving construct requires. */
export function testChart(namespace = 'ml-serving'): Chart {
  const app = Testing.app();
  return new Chart(app, 'test', { namespace });
}

/** Synthesize a chart to plain objects (runs cdk8s validations). */
export function synth(chart: Chart): KubeObject[] {
  return Testing.synth(chart) as KubeObject[];
}

/** Synthesize a whole example app (every chart). */
export function synthApp(app: App): KubeObject[] {
  return app.charts.flatMap(c => Testing.synth(c) as KubeObject[]);
}

/** The one object of a kind (and name, if given); throws if absent or ambiguous. */
export function only(objects: readonly KubeObject[], kind: string, name?: string): any {
  const found = objects.filter(o => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}

/** The pod spec of a Deployment, Job, or InferenceService predictor. */
export function podSpec(obj: any): any {
  if (obj.kind === 'InferenceService') return obj.spec.predictor;
  if (obj.kind === 'Job' || obj.kind === 'Deployment') return obj.spec.template.spec;
  throw new Error(`no pod spec in ${obj.kind}`);
}

/** Serving containers of a workload (InferenceService model or containers; pod containers). */
export function servingContainers(obj: any): Container[] {
  const pod = podSpec(obj);
  if (obj.kind === 'InferenceService') return pod.model ? [pod.model] : pod.containers;
  return pod.containers;
}

/** Every container (serving and init) of a workload. */
export function allContainers(obj: any): Container[] {
  return [...servingContainers(obj), ...(podSpec(obj).initContainers ?? [])];
}

/** Env of a container as a name → value-or-ref map. */
export function envMap(c: Container): Record<string, unknown> {
  return Object.fromEntries((c.env ?? []).map(e => [e.name, e.value ?? e.valueFrom]));
}

/** Workload kinds that carry pods. */
export const WORKLOAD_KINDS = ['InferenceService', 'Deployment', 'Job'];

/**
 * A filled cache pods on several nodes may share (ReadWriteMany): tests that run several replicas of
 * a Hub model use it, since the ReadWriteOnce cache a model gets by default is refused there.
 */
export function sharedCache(model: HuggingFaceModel): IModelCache {
  return { model, claimName: 'shared-models', subPath: cacheSubPath(model), markerFile: MARKER_FILE, accessModes: ['ReadWriteMany'] };
}
