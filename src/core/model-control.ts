/** Whether TorchServe's model-management API may change the served models at run time. */
export enum ModelControl {
  /** "Load once, serve forever": the models are registered at start and the model API is off (`enable_model_api=false`). */
  NONE = 'NONE',
  /**
   * The model API is on (`enable_model_api=true`): admins may register and delete models from the
   * model store at run time. The management port is then open only to `managementAllowFrom`.
   */
  EXPLICIT = 'EXPLICIT',
}
