import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { IModelCache } from '../core/cache';
import { KubeObject } from '../core/kube';
import type { LoraAdapter } from '../core/lora-adapters';
import { HuggingFaceModel } from '../core/model';
import { ModelCacheProps, renderModelCache } from '../core/model-cache';
import { recordProps } from './construct-props';
import { addObjects, servingContext } from './render';

export type { ModelCacheProps };

/**
 * A PersistentVolumeClaim filled once by a download Job, the only holder of the Hub token. Servers
 * given `cache` mount it read-only, run offline and hold no token.
 *
 * @example
 * const qwenCache = new ModelCache(chart, 'qwen-cache', {
 *   model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '<40-hex commit>' }),
 *   hfToken: SecretRef.of('hf-secret', 'token'),
 *   size: '20Gi',
 * });
 * new VllmPredictor(chart, 'small-llm', { model: qwenCache.model, cache: qwenCache, gpus: 1 });
 */
export class ModelCache extends Construct implements IModelCache {
  /** The model the cache holds. */
  public readonly model: HuggingFaceModel;
  /** Name of the PersistentVolumeClaim (the construct id). */
  public readonly claimName: string;
  /** Directory inside the claim holding the model files (`<owner>/<name>/<revision>`). */
  public readonly subPath: string;
  /** File the Job writes last; servers start only once it exists. */
  public readonly markerFile: string;
  /** Access modes of the claim (several replicas may share it only with `ReadWriteMany`). */
  public readonly accessModes: readonly string[];
  /** LoRA adapters the cache holds next to the model (`loraAdapters`). */
  public readonly loraAdapters?: readonly LoraAdapter[];
  /** Name of the download Job (`<id>-download`). */
  public readonly jobName: string;
  /** The plain objects this construct synthesizes. */
  public readonly objects: readonly KubeObject[];
  /** The ApiObjects, the Job first (id `Resource`). */
  public readonly apiObjects: readonly ApiObject[];

  constructor(scope: Construct, id: string, props: ModelCacheProps) {
    super(scope, id);
    const r = renderModelCache(props, servingContext(this));
    recordProps(this, props);
    this.model = r.cache.model;
    this.claimName = r.cache.claimName;
    this.subPath = r.cache.subPath;
    this.markerFile = r.cache.markerFile;
    this.accessModes = r.cache.accessModes ?? [];
    this.loraAdapters = r.cache.loraAdapters;
    this.jobName = r.jobName;
    this.objects = r.objects;
    this.apiObjects = addObjects(this, r.objects);
  }
}
