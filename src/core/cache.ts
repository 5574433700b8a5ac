import type { LoraAdapter } from './lora-adapters';
import { HuggingFaceModel } from './model';

/** A filled model cache a server can mount read-only (implemented by `ModelCache`). */
export interface IModelCache {
  /** The model the cache holds. */
  readonly model: HuggingFaceModel;
  /** Name of the PersistentVolumeClaim. */
  readonly claimName: string;
  /** Directory inside the claim that holds the model files. */
  readonly subPath: string;
  /** File the download step writes last; its presence means the cache is complete. */
  readonly markerFile: string;
  /**
   * Access modes of the claim. Several replicas may share the cache only when it names a mode pods
   * on several nodes can mount (`ReadWriteMany`, `ReadOnlyMany`).
   * @default - ['ReadWriteOnce'] (one node)
   */
  readonly accessModes?: readonly string[];
  /**
   * LoRA adapters the cache holds next to the model (see `ModelCacheProps.loraAdapters`); a server
   * given the cache may serve these.
   * @default - none
   */
  readonly loraAdapters?: readonly LoraAdapter[];
}
