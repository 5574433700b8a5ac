import * as pulumi from '@pulumi/pulumi';
import { HuggingFaceModel, ModelCache, ServingMode, VllmPredictor } from 'hf-serving-constructs/pulumi';

// One program, one stack per environment: everything that differs comes from the stack's config
// (Pulumi.dev.yaml, Pulumi.prod.yaml); the token is a secret set with `pulumi config set --secret hfToken`.
const config = new pulumi.Config();
const namespace = config.get('namespace') ?? 'ml-serving';
// The weights are downloaded once by the cache's Job (the only holder of the token); the servers
// mount them read-only and reach nothing but DNS. Replicas on several nodes need a ReadWriteMany claim.
const storageClassName = config.get('cacheStorageClass');
const cache = new ModelCache('falcon-7b-cache', {
  namespace,
  model: HuggingFaceModel.fromHub(config.get('model') ?? 'tiiuae/falcon-7b-instruct', {
    revision: config.require('falconRevision'),
    trustRemoteCode: true,
  }),
  hfToken: config.requireSecret('hfToken'), // becomes a Secret; the value is never in a manifest
  size: config.get('cacheSize') ?? '50Gi',
  accessModes: [config.get('cacheAccessMode') ?? 'ReadWriteOnce'],
  ...(storageClassName ? { storageClassName } : {}),
  skipAwait: config.getBoolean('skipAwait'),
});
const llm = new VllmPredictor('falcon-7b', {
  namespace,
  model: cache.model,
  cache,
  gpus: config.requireNumber('gpus'),
  replicas: config.getNumber('replicas') ?? 1,
  mode: (config.get('mode') ?? ServingMode.KSERVE) as ServingMode,
  startupTimeoutSeconds: config.getNumber('startupTimeoutSeconds'),
  skipAwait: config.getBoolean('skipAwait'),
});

export const llmUrl = llm.url;
export const llmApiBasePath = llm.apiBasePath;
