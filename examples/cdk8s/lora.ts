import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * One base model, two LoRA adapters served next to it under their own names (clients pick one in
 * the request's `model` field). The adapters are the team's own fine-tunes in a bucket, pinned by
 * the SHA-256 of their files and read with the pod's cloud identity; each is downloaded by its own
 * hardened step and mounted read-only. Loading adapters at run time stays off. Adapters download
 * inside the serving pod (they do not come from a ModelCache yet), so the pod keeps HTTPS egress:
 * `allowServingPodEgressForDownload` says so, and `checkManifests` reports it (K38, a warning).
 */
export function loraChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  const adapter = (path: string, digest: string) => HuggingFaceModel.fromStorage(`s3://acme-models/adapters/${path}`, {
    sha256: { 'adapter_model.safetensors': digest },
  });
  new VllmPredictor(chart, 'assistant', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' }),
    gpus: 1,
    loraAdapters: [
      { name: 'sql', model: adapter('qwen2.5-0.5b-sql/2026-11-20', '5d41402abc4b2a76b9719d911017c592aaf4c0b2f1e3d4c5b6a7980a1b2c3d4e') },
      { name: 'support', model: adapter('qwen2.5-0.5b-support/2026-11-24', '7c211433f02071597741e6ff5a8ea34789abbf43d1e2c3b4a5968778695a4b3c') },
    ],
    allowServingPodEgressForDownload: true,
    serviceAccount: { annotations: { 'eks.amazonaws.com/role-arn': 'arn:aws:iam::123456789012:role/acme-models-read' } },
    mode,
  });
  return chart;
}
