import { ServingContext } from '../context';
import { disruptionBudget } from '../availability';
import { downloadProxyEgress } from '../download-proxy';
import { KubeObject, NetworkPolicy } from '../kube';
import { monitoringObjects } from '../monitoring';
import { networkPolicies, peerSelector } from '../network';
import { gatewayIngress, httpRoute } from '../expose';
import { platformObjects } from '../platform';
import { withPodMetadata } from '../metadata';
import { certificateObjects, ISTIO, ISTIOD_EGRESS, peerAuthentication } from '../tls';
import { withRelaxationWaivers } from '../policy/relaxations';
import { withUserReferences } from '../policy/user-references';
import { servingContainer } from './container';
import { RenderedServing, ServingBase, ServingFamily } from './family';
import { KNATIVE_QUEUE_PORT, knativeIngress } from './knative';
import { resolveServing, ServingPlan } from './resolve';
import { configMaps, serviceAccount, workloadObjects } from './workload';

/** Resolve the props once, then build the ServiceAccount, workload, autoscaler, budget, network policies and monitors. */
export function renderServing<P extends ServingBase>(family: ServingFamily<P>, props: P, ctx: ServingContext): RenderedServing {
  const plan = resolveServing(family, props, ctx);
  const container = servingContainer(plan);
  const host = plan.kserve ? `${plan.name}-predictor` : plan.name;
  const objects = [...platformObjects([
    serviceAccount(plan),
    ...(props.tls ? certificateObjects(props.tls, { name: plan.name, namespace: plan.namespace, labels: plan.labels, serviceName: host }) : []),
    ...configMaps(plan),
    ...meshed(plan, workloadObjects(plan, container)),
    ...(plan.mesh ? [peerAuthentication({ name: plan.name, namespace: plan.namespace, labels: plan.labels, podSelector: plan.podSelector })] : []),
    ...plan.scaling.objects,
    disruptionBudget(plan.name, plan.namespace, plan.labels, plan.podSelector),
    ...servingPolicies(plan),
    ...exposure(plan),
    ...(plan.monitoring
      ? monitoringObjects(plan.monitoring, { ...target(plan), podSelector: plan.podSelector, portName: container.ports![0].name })
      : []),
  ], plan.platform), ...cacheObjects(plan)];
  return {
    // a prop that relaxes a secure default waives the check it fails, with the prop as the reason;
    // objects the props name (Secrets, ConfigMaps, claims) are declared external
    objects: withUserReferences(withRelaxationWaivers(objects, props), props),
    url: serviceUrl(plan, host),
    apiBasePath: plan.engine.routes.openaiBase,
    engine: plan.engine, mode: plan.mode, delivery: plan.delivery, podSelector: plan.podSelector, port: plan.port,
  };
}

/**
 * The HTTPRoute of `expose`, to the Service in front of the pods: a Deployment's Service `<name>`, or
 * KServe Standard's `<name>-predictor`, both on port 80 (kserve/kserve v0.20.0
 * `pkg/controller/v1beta1/inferenceservice/reconcilers/service/service_reconciler.go`).
 */
function exposure(plan: ServingPlan): KubeObject[] {
  const e = plan.platform.expose;
  if (!e) return [];
  const service = { name: plan.kserve ? `${plan.name}-predictor` : plan.name, port: 80 };
  return [httpRoute(e, { name: plan.name, namespace: plan.namespace, labels: plan.labels, service, pathPrefix: plan.engine.routes.openaiBase })];
}

/**
 * The objects of the ModelCache made for the model, with the construct's metadata; its download
 * ServiceAccount gets the construct's identity annotations only when it reads an object store (a
 * storage model or adapter: the download needs the bucket role; a Hub download does not).
 */
function cacheObjects(plan: ServingPlan): KubeObject[] {
  const { metadata, serviceAccount: sa } = plan.platform;
  const storage = plan.delivery.autoCacheReadsObjectStore === true;
  const identity = storage && sa?.annotations ? { serviceAccount: { annotations: sa.annotations } } : {};
  return platformObjects(plan.delivery.objects, { metadata, ...identity });
}

/**
 * In-cluster URL of the service root. With `tls` the Deployment's Service listens on 443; KServe
 * Standard's `<name>-predictor` Service keeps port 80 in front of the TLS port.
 */
function serviceUrl(plan: ServingPlan, host: string): string {
  const base = `${host}.${plan.namespace}.svc.cluster.local`;
  if (!plan.tls) return `http://${base}`;
  return plan.kserve ? `https://${base}:80` : `https://${base}`;
}

/** With `mesh: 'istio'`, the workload's pods ask for the Istio sidecar. */
function meshed(plan: ServingPlan, objects: KubeObject[]): KubeObject[] {
  if (!plan.mesh) return objects;
  return objects.map(o => withPodMetadata(o, { labels: { [ISTIO.injectLabel]: 'true' } }));
}

/** What side objects (monitors) learn of the model. */
function target(plan: ServingPlan) {
  const { path, name, namespace, mode, engine, labels, seriesSelector } = plan;
  return { path, name, namespace, mode, engine, labels, seriesSelector };
}

/** Default-deny policies: clients (through Knative's activator and gateway in serverless mode), side ports, metrics. */
function servingPolicies(plan: ServingPlan): NetworkPolicy[] {
  return networkPolicies({
    name: plan.name, namespace: plan.namespace, labels: plan.labels, podSelector: plan.podSelector,
    servingPorts: plan.knative ? [KNATIVE_QUEUE_PORT] : [plan.port],
    allowFrom: plan.allowFrom,
    extraIngress: [
      ...(plan.knative ? knativeIngress(plan.knativeIngressNamespaces) : []),
      ...plan.sideIngress.map(r => ({ from: r.from.map(peerSelector), ports: [{ protocol: 'TCP' as const, port: r.port }] })),
      ...(plan.platform.expose ? [gatewayIngress(plan.platform.expose, plan.port)] : []),
    ],
    httpsEgress: plan.delivery.downloadsInPod,
    ...(plan.mesh ? { extraEgress: [ISTIOD_EGRESS] } : {}),
    ...(plan.downloadProxy ? { downloadEgress: downloadProxyEgress(plan.downloadProxy) } : {}),
    ...(plan.monitoring ? { metrics: { namespace: plan.monitoring.namespace, port: plan.port } } : {}),
  });
}
