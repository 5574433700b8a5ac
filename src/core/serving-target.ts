import { Engine } from './engines/engine';
import { ServingMode } from './serving-mode';

/** The model a side object (autoscaler, monitor) belongs to, as the serving pipeline knows it. */
export interface ServingTarget {
  /** Construct path for messages. */
  readonly path: string;
  /** Object name (also the workload's name). */
  readonly name: string;
  /** Namespace of the model. */
  readonly namespace: string;
  /** Serving mode. */
  readonly mode: ServingMode;
  /** The engine (metric names, metrics path). */
  readonly engine: Engine;
  /** Labels of the objects created. */
  readonly labels: Record<string, string>;
  /** PromQL label matchers that select this model's series. */
  readonly seriesSelector: string;
}
