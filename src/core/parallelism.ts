import { Engine } from './engines/engine';
import { ValidationError } from './errors';
import { IGpuNodePool } from './scheduling';

/**
 * Model parallelism must match the GPUs of one pod. The construct sets the tensor-parallel size to
 * `gpus` itself, so a tensor-parallel flag in `extraArgs` is refused, and so is a pipeline-parallel
 * size above 1 (tensor × pipeline would exceed the GPUs the pod has). A pod may not ask for more GPUs
 * than one node of its pool has: it would stay Pending forever.
 */
export function validateParallelism(path: string, engine: Engine, gpus: number, extraArgs: readonly string[], pool: IGpuNodePool | undefined): void {
  const flags = engine.parallelism;
  if (flags) {
    extraArgs.forEach((arg, i) => {
      const [flag, inline] = arg.split('=', 2);
      const value = inline ?? extraArgs[i + 1];
      if (flags.tensor.includes(flag)) {
        throw new ValidationError(path, `extraArgs[${i}]`, arg, `sets the tensor-parallel size, which the construct derives from gpus (${gpus})`,
          'remove it and set gpus to the tensor-parallel size you want');
      }
      if (flags.pipeline.includes(flag) && Number(value) !== 1) {
        throw new ValidationError(path, `extraArgs[${i}]`, arg,
          `asks for pipeline parallelism, but tensor parallelism already spans all ${gpus} GPU(s) of the pod`,
          'remove it: one pod splits the model over its GPUs with tensor parallelism only');
      }
    });
  }
  if (pool?.maxGpusPerNode !== undefined && gpus > pool.maxGpusPerNode) {
    throw new ValidationError(path, 'gpus', gpus, `exceeds the ${pool.maxGpusPerNode} GPU(s) one node of the pool has`,
      `give at most ${pool.maxGpusPerNode}, or use a pool with larger nodes`);
  }
}
