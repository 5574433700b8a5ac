import { Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { constructProps } from '../../src/cdk8s/construct-props';
import * as pulumiFrontEnd from '../../src/pulumi';
import { kubeObjects, Registered, settle } from './pulumi-mocks';

/** Our constructs recorded their props (see `constructProps`); the Pulumi counterpart has the same class name. */
function ourConstructs(chart: Chart): IConstruct[] {
  return chart.node.findAll().filter(c => constructProps(c) !== undefined);
}

/**
 * Re-create every construct of a cdk8s chart with the Pulumi component of the same name and props,
 * and return the Kubernetes objects the Pulumi mocks saw.
 */
export async function pulumiObjectsFor(chart: Chart, seen: Registered[]): Promise<any[]> {
  seen.length = 0;
  for (const c of ourConstructs(chart)) {
    const cls = (pulumiFrontEnd as any)[c.constructor.name];
    if (!cls) throw new Error(`no Pulumi component named ${c.constructor.name}`);
    new cls(c.node.id, { ...(constructProps(c) as object), namespace: chart.namespace });
  }
  await settle();
  return kubeObjects(seen);
}

/** Stable order and plain JSON, for comparing object sets. */
export function normalize(objects: readonly unknown[]): any[] {
  const plain = JSON.parse(JSON.stringify(objects)) as any[];
  return plain.sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
}
