import { Delivery } from '../delivery';
import { LoraAdapter } from '../lora-adapters';
import { Engine, EngineTuning } from '../engines/engine';
import { KubeObject, Volume, VolumeMount } from '../kube';
import { HuggingFaceModel } from '../model';
import { NetworkPeer } from '../network';
import { PodSecurityOptions } from '../pod-security';
import { ServingMode } from '../serving-mode';
import { ServingProps } from '../serving-props';

/** The props `renderServing` reads: the shared props, with `model` optional for families that bring their own weights. */
export type ServingBase = Omit<ServingProps, 'model'> & { readonly model?: HuggingFaceModel };

/** What a family's own weights source learns about the deployment. */
export interface WeightsContext {
  readonly path: string;
  readonly kserve: boolean;
  readonly security: PodSecurityOptions;
}

/** What a family's adapters learn about the deployment. */
export interface AdapterContext {
  readonly path: string;
  /** Name the base model is served under. */
  readonly servedName: string;
}

/** An extra ingress rule: a port open only to the named peers. */
export interface SideIngress {
  readonly port: number;
  readonly from: readonly NetworkPeer[];
}

/** What distinguishes one serving construct from another: data, not code paths. */
export interface ServingFamily<P extends ServingBase> {
  /** Public class name, used in messages. */
  readonly construct: string;
  /** `app.kubernetes.io/component` of its pods. */
  readonly component: string;
  /** Fewest GPUs the engine accepts. */
  readonly minGpus: number;
  /** GPUs when `gpus` is not given. */
  readonly defaultGpus: number;
  /** CPU and memory when `resources` does not say. */
  readonly defaultResources: { readonly cpu: string; readonly memory: string };
  /** The engine for a mode and props. */
  readonly engineFor: (mode: ServingMode, props: P) => Engine;
  /** Validate engine-specific props and return the engine tuning values. */
  readonly tuning: (props: P, path: string) => EngineTuning;
  /**
   * Weights that are not a Hub model (e.g. TorchServe's model store). Absent: `props.model` is
   * required and delivered by `planDelivery`.
   */
  readonly weights?: (props: P, ctx: WeightsContext) => Delivery;
  /** True: stop old pods before new ones start (`Recreate`), so one Service never serves two model revisions. */
  readonly recreate?: (props: P) => boolean;
  /** Ports beyond the serving port, each open only to its peers (never in the Service). */
  readonly sideIngress?: (props: P) => readonly SideIngress[];
  /** Adapters served next to the base model (vLLM LoRA), validated; they are delivered with the model and served by its flags. */
  readonly adapters?: (props: P, ctx: AdapterContext) => readonly LoraAdapter[] | undefined;
  /** Read-only files the family's own props add to the serving container (e.g. a chat template from a ConfigMap). */
  readonly files?: (props: P) => { readonly volumes: Volume[]; readonly mounts: VolumeMount[] };
}

/** The rendered objects and outputs of a serving construct. */
export interface RenderedServing {
  /** Every object, in apply order. */
  readonly objects: KubeObject[];
  /** In-cluster URL of the service root. */
  readonly url: string;
  /** Base path of the OpenAI-compatible API. */
  readonly apiBasePath: string;
  /** @internal Engine chosen (for the library's own outputs; not part of the public result). */
  readonly engine: Engine;
  /** Mode used. */
  readonly mode: ServingMode;
  /** @internal How the weights arrive (for the library's own outputs; not part of the public result). */
  readonly delivery: Delivery;
  /** Labels that select the serving pods. */
  readonly podSelector: Record<string, string>;
  /** Port the server listens on. */
  readonly port: number;
}
