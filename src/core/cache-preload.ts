import { Engine, engineArgs } from './engines/engine';
import { Container } from './kube';
import { HuggingFaceModel } from './model';
import { hardenedContainer, OFFLINE_ENV, TELEMETRY_OFF } from './pod-security';

/** Inputs of {@link preloadContainer}. */
export interface PreloadSpec {
  /** Engine that loads the model (must declare `preloadArgs`). */
  readonly engine: Engine;
  readonly model: HuggingFaceModel;
  /** Served name the engine is given (the cache name). */
  readonly name: string;
  /** Where the cached files are mounted. */
  readonly dest: string;
  readonly volumeName: string;
  readonly subPath: string;
}

/**
 * The preload step of a cache Job: after the download, the serving engine itself loads the cached
 * files offline and read-only (e.g. Infinity `--preload-only`) with the same remote-code switch the
 * server will get. It runs as an init container after the download and before the marker step
 * ({@link markerContainer}), so a model that does not load never marks the cache complete.
 */
export function preloadContainer(s: PreloadSpec): Container {
  const ctx = { name: s.name, model: s.model, modelPath: s.dest, gpus: 0, port: s.engine.defaultPort, tuning: {} };
  return hardenedContainer({
    name: 'model-preload',
    image: s.engine.image(0),
    command: s.engine.command?.(ctx),
    args: [...engineArgs(s.engine, ctx), ...(s.engine.preloadArgs ?? [])],
    env: [
      ...TELEMETRY_OFF, ...s.engine.switches.telemetryEnv, ...OFFLINE_ENV, ...(s.engine.env ?? []),
      { name: 'HOME', value: '/tmp' },
      // the engine's cache directories, moved under the writable /tmp of the Job pod
      ...s.engine.scratch.flatMap(d => (d.env ?? []).map(spec => {
        const [name, sub] = spec.split(':');
        return { name, value: `/tmp/${d.name}${sub ? `/${sub}` : ''}` };
      })),
    ],
    resources: {
      requests: { 'cpu': '1', 'memory': '4Gi', 'ephemeral-storage': '1Gi' },
      limits: { 'cpu': '2', 'memory': '8Gi', 'ephemeral-storage': '2Gi' },
    },
    volumeMounts: [
      { name: s.volumeName, mountPath: s.dest, subPath: s.subPath, readOnly: true },
      { name: 'download-tmp', mountPath: '/tmp' },
    ],
  });
}
