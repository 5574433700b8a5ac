/**
 * Where a server finds its weights: KServe's model mount path (kserve/kserve v0.20.0
 * `pkg/constants/constants.go` `DefaultModelLocalMountPath`), used in every mode.
 */
export const MODEL_DIR = '/mnt/models';
