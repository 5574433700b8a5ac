import { Container, Probe } from '../kube';
import { platformContainer } from '../platform';
import { hardenedContainer } from '../pod-security';
import { ServingPlan } from './resolve';
import { CONFIG_VOLUME_NAME } from './volumes';

/** Volume name of the engine's rendered configuration. */
export const CONFIG_VOLUME = CONFIG_VOLUME_NAME;

/** The server container: the engine's image, args and env, sized and hardened, with probes for the mode. */
export function servingContainer(plan: ServingPlan): Container {
  const { engine, engineCtx } = plan;
  const amounts = {
    'cpu': plan.cpu, 'memory': plan.memory, 'ephemeral-storage': plan.ephemeralStorage, ...(plan.gpus > 0 ? { [plan.gpuResource]: plan.gpus } : {}),
  };
  return platformContainer(hardenedContainer({
    name: plan.kserve ? 'kserve-container' : 'server',
    image: plan.image,
    command: engine.command?.(engineCtx),
    args: [...plan.args],
    env: [...plan.env],
    ports: [{ name: plan.kserve ? 'http1' : 'http', containerPort: plan.port, protocol: 'TCP' }],
    resources: { requests: { ...amounts }, limits: { ...amounts } },
    volumeMounts: [
      ...plan.scratch.mounts, ...plan.delivery.serverMounts, ...(plan.config ? [{ name: CONFIG_VOLUME, mountPath: plan.config.mountPath,
        readOnly: true }] : []),
      ...plan.files.mounts,
    ],
    probes: probes(plan),
    security: plan.security,
    workingDir: engine.workingDir,
  }), plan.platform);
}

/**
 * Probes on the engine's routes (or its own handlers). The startup probe allows the startup budget
 * for download and load, in every mode: Knative accepts startup probes (`KNATIVE_STARTUP_PROBES_SINCE`
 * in `knative.ts`), and the revision's progress deadline is set above the budget.
 */
function probes(plan: ServingPlan): { startup?: Probe; readiness: Probe; liveness: Probe } {
  const { engine, engineCtx: ctx } = plan;
  const get = (p: string) => ({ httpGet: { path: p, port: ctx.port, ...(plan.tls ? { scheme: 'HTTPS' as const } : {}) } });
  const h = engine.probeHandlers?.(ctx)
    ?? { startup: get(engine.routes.startup(ctx)), readiness: get(engine.routes.readiness(ctx)), liveness: get(engine.routes.liveness(ctx)) };
  const readiness: Probe = { ...h.readiness, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  const liveness: Probe = { ...h.liveness, periodSeconds: 30, timeoutSeconds: 10, failureThreshold: 5 };
  const startup: Probe = { ...h.startup, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: Math.ceil(plan.startupTimeout / 10) };
  return { startup, readiness, liveness };
}
