import { App, Chart } from 'cdk8s';
import { ModelControl, ServingMode, TorchServePredictor } from 'hf-serving-constructs';

/**
 * Scenario 3: TorchServe with the model API off ("load once, serve forever"): the archive is
 * registered at start from a read-only claim (the program of API.md).
 */
export function torchServeChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new TorchServePredictor(chart, 'resnet', {
    storageUri: 'pvc://model-store/resnet',
    models: ['resnet-18.mar'],
    mode,
  });
  return chart;
}

/**
 * The same, with the archive checked against its SHA-256 (`sha256sum -c`) before TorchServe starts.
 * The archive is the platform team's own build on their claim, so its digest is theirs: the value
 * below stands for the output of `sha256sum resnet-18.mar`; put yours.
 */
export function torchServeVerifiedChart(app: App, id: string, mode: ServingMode): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new TorchServePredictor(chart, 'resnet', {
    storageUri: 'pvc://model-store/resnet',
    models: ['resnet-18.mar'],
    sha256: { 'resnet-18.mar': '5f1a3e4b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f' },
    mode,
  });
  return chart;
}

/** A test environment: the model API on, the management port open only to the admin pods. */
export function torchServeExplicitChart(app: App, id: string): Chart {
  const chart = new Chart(app, id, { namespace: 'ml-serving' });
  new TorchServePredictor(chart, 'resnet', {
    storageUri: 'pvc://model-store/resnet',
    models: ['resnet-18.mar'],
    modelControl: ModelControl.EXPLICIT,
    managementAllowFrom: [{ namespace: 'ml-admin', podLabels: { app: 'model-admin' } }],
    mode: ServingMode.DEPLOYMENT,
  });
  return chart;
}
