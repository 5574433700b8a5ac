import { ValidationError } from './errors';
import { MonitoringOptions } from './monitoring';
import { AutoscalingOptions } from './serving-props';

/**
 * The props an environment preset gives a serving construct. Every one of them is only a default:
 * the construct's own props win (see `applyEnvironment`).
 */
export interface EnvironmentDefaults {
  /**
   * Replicas when not autoscaled.
   * @default - the construct's default (1)
   */
  readonly replicas?: number;
  /**
   * Autoscaling. With `maxReplicas` above 1, pods spread over nodes and zones.
   * @default - fixed `replicas`
   */
  readonly autoscaling?: AutoscalingOptions;
  /**
   * Prometheus access and prometheus-operator objects.
   * @default - no monitoring
   */
  readonly monitoring?: MonitoringOptions;
}

/**
 * Merge an environment's defaults under a construct's props, as a pure function: a prop the props
 * set (even to `undefined`) wins over the default of the same name, and `replicas` and
 * `autoscaling` are one choice, so setting either drops the environment's value of both (a fixed
 * count and an autoscaler cannot be combined).
 */
export function applyEnvironment<P extends object>(defaults: EnvironmentDefaults, props: P): P {
  const scalingChosen = 'replicas' in props || 'autoscaling' in props;
  const base: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) {
    if (scalingChosen && (key === 'replicas' || key === 'autoscaling')) continue;
    base[key] = value;
  }
  return { ...base, ...props } as P;
}

/**
 * A named set of defaults for serving constructs, usable with both front ends:
 * `new VllmPredictor(chart, 'chat', Environment.PROD.apply({ model, gpus: 2 }))` (cdk8s) or
 * `new VllmPredictor('chat', Environment.PROD.apply({ namespace, model, gpus: 2 }))` (Pulumi).
 */
export class Environment {
  /**
   * Development: one replica, no autoscaler, no monitoring objects. The PodDisruptionBudget every
   * model gets still never blocks a node drain.
   */
  public static readonly DEV = new Environment('dev', { replicas: 1 });

  /**
   * Production: autoscaled between 2 and 4 replicas (the PodDisruptionBudget keeps at most one down
   * at a time, and pods spread over nodes and zones), and monitored by the Prometheus in namespace
   * `monitoring` (metrics port opened to it, PodMonitor and alert rules, autoscaling on the engine's
   * queue metric where the mode supports it). Override `monitoring` to name your Prometheus namespace.
   */
  public static readonly PROD = new Environment('prod', {
    autoscaling: { minReplicas: 2, maxReplicas: 4 },
    monitoring: { namespace: 'monitoring' },
  });

  /** An environment of your own, e.g. `Environment.of('staging', { replicas: 2 })`. */
  public static of(name: string, defaults: EnvironmentDefaults): Environment {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
      throw new ValidationError('Environment', 'name', name, 'is not a DNS label', 'use lower-case letters, digits and dashes, e.g. "staging"');
    }
    return new Environment(name, defaults);
  }

  private constructor(
    /** The environment's name (`dev`, `prod`, or yours). */
    public readonly name: string,
    /** The defaults it gives a serving construct. */
    public readonly defaults: EnvironmentDefaults,
  ) {}

  /** The props with this environment's defaults under them (see `applyEnvironment`). */
  public apply<P extends object>(props: P): P {
    return applyEnvironment(this.defaults, props);
  }
}
