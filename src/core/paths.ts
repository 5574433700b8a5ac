/**
 * Where a server finds its weights, the model volume's mount path in every serving container and
 * every mode: KServe's model mount path (kserve/kserve v0.20.0 `pkg/constants/constants.go`
 * `DefaultModelLocalMountPath`).
 */
export const MODEL_DIR = '/mnt/models';
