import { App, Chart } from 'cdk8s';
import { HuggingFaceModel, ServingMode, VllmPredictor } from 'hf-serving-constructs';

/**
 * A base model and a LoRA adapter served next to it under its own name (clients pick it in the
 * request's `model` field: `finance`, or `assistant` for the base model). The adapter is delivered
 * like the model: the download Job of the ModelCache made for the model (`assistant-model`) fetches
 * both, pinned and safetensors only, into one claim (the adapter under `lora/` in the model's
 * directory); the server mounts it read-only, runs offline with no token and no internet egress.
 * Loading adapters at run time stays off.
 */
export function loraChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new VllmPredictor(chart, 'assistant', {
    model: HuggingFaceModel.fromHub('Qwen/Qwen3-1.7B', { revision: '70d244cc86ccca08cf5af4e1e306ecf908b1ad5e' }),
    gpus: 1,
    loraAdapters: [
      // a public rank-16 LoRA of Qwen3-1.7B (adapter_model.safetensors)
      {
        name: 'finance',
        model: HuggingFaceModel.fromHub('fotapol/qwen3-1.7b-financial-qa-lora', { revision: '8433fcf8142e3db64f38df1f6eeaa38bf2e92651' }),
      },
    ],
    mode,
  });
  return chart;
}
