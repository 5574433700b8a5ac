import * as pulumi from '@pulumi/pulumi';
import { HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs/pulumi';

// `pulumi up` per environment: Pulumi.dev.yaml and Pulumi.prod.yaml differ in mode, GPUs and replicas.
const config = new pulumi.Config();
const llm = new VllmPredictor('falcon-7b', {
  namespace: config.get('namespace') ?? 'ml-serving',
  model: HuggingFaceModel.fromHub('tiiuae/falcon-7b-instruct', {
    revision: config.require('falconRevision'),
    trustRemoteCode: true,
  }),
  hfToken: config.requireSecret('hfToken'), // becomes a Secret; the value is never in a manifest
  gpus: config.requireNumber('gpus'),
  replicas: config.getNumber('replicas') ?? 1,
  mode: (config.get('mode') ?? ServingMode.KSERVE) as ServingMode,
});

export const llmUrl = llm.url;
export const llmApiBasePath = llm.apiBasePath;
