/** Where a server finds its weights (the model volume's mount path in every serving container). */
export const MODEL_DIR = '/mnt/models';
