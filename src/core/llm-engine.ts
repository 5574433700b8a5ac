/** The engine behind an `LlmPredictor`. */
export enum LlmEngine {
  /** vLLM: KServe's Hugging Face runtime in the KServe modes (upstream vLLM with `apiKey`), upstream vLLM as a Deployment. */
  VLLM = 'VLLM',
  /** SGLang: the upstream server in every mode (a custom predictor container in the KServe modes). */
  SGLANG = 'SGLANG',
}
