import * as pulumi from '@pulumi/pulumi';
import { HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs/pulumi';

// One program, one stack per environment: everything that differs comes from the stack's config
// (Pulumi.dev.yaml, Pulumi.prod.yaml); the token is a secret set with `pulumi config set --secret hfToken`.
const config = new pulumi.Config();
const llm = new VllmPredictor('falcon-7b', {
  namespace: config.get('namespace') ?? 'ml-serving',
  model: HuggingFaceModel.fromHub(config.get('model') ?? 'tiiuae/falcon-7b-instruct', {
    revision: config.require('falconRevision'),
    trustRemoteCode: true,
  }),
  hfToken: config.requireSecret('hfToken'), // becomes a Secret; the value is never in a manifest
  gpus: config.requireNumber('gpus'),
  replicas: config.getNumber('replicas') ?? 1,
  mode: (config.get('mode') ?? ServingMode.KSERVE) as ServingMode,
  startupTimeoutSeconds: config.getNumber('startupTimeoutSeconds'),
  skipAwait: config.getBoolean('skipAwait'),
});

export const llmUrl = llm.url;
export const llmApiBasePath = llm.apiBasePath;
