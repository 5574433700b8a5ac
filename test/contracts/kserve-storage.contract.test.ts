import { HuggingFaceModel, ServingMode, VllmPredictor } from '../../src';
import { kservePvcUri, MODEL_DIR } from '../../src/core/delivery';
import { KSERVE_VERSION } from '../../src/core/kserve-release';
import { KSERVE_PVC_VOLUME, KSERVE_STORAGE_URI_ENV, KSERVE_STORAGE_VOLUME } from '../../src/core/serving/volumes';
import { only, podSpec, synth, testChart } from '../support/objects';
import { expectPinned, UPSTREAM } from './upstream';

/**
 * How KServe's pod webhook delivers a `storageUri`, as read in kserve/kserve at v0.20.0: the facts the
 * serverless cache delivery (`storageUri: pvc://<claim>/<path>`) rests on.
 */
const READ = {
  /** `pkg/constants/constants.go` `PvcURIPrefix`. */
  pvcPrefix: 'pvc://',
  /** `pkg/constants/constants.go` `DefaultModelLocalMountPath`: where the claim (or the download) is mounted. */
  mountPath: '/mnt/models',
  /** `pkg/constants/constants.go` `PvcSourceMountName`: the claim volume the webhook adds. */
  pvcVolume: 'kserve-pvc-source',
  /** `pkg/constants/constants.go` `StorageInitializerVolumeName`: the emptyDir a download fills. */
  downloadVolume: 'kserve-provision-location',
  /** `pkg/constants/constants.go` `CustomSpecStorageUriEnvVarKey`, read by `predictor_custom.go` `GetStorageUri`. */
  customStorageEnv: 'STORAGE_URI',
  /**
   * `storage_initializer_injector.go` `CommonStorageInitialization`, single URI: for a `pvc://` URI the
   * mount at `mountPath` has `SubPath` = the path after the claim (`ParsePvcURI`), so the pod sees
   * that directory only, not the rest of the claim.
   */
  pvcMountsOnlyItsPath: true,
} as const;
// Also read in `storage_initializer_injector.go` `CommonStorageInitialization` (single URI): a `pvc://`
// URI is mounted (volume `PvcSourceMountName`, subPath = the path after the claim, `pkg/utils/storage.go`
// `ParsePvcURI`) and no init container is appended; `GetStorageInitializerReadOnlyFlag` makes the mount
// read-only unless the `storage.kserve.io/readonly` annotation says "false". The serverless output
// carrying no claim volume and no init container is tested in test/core/delivery.test.ts.

test('the library pins the KServe release this contract was read at', () => {
  expectPinned(UPSTREAM.kserve, KSERVE_VERSION);
  expect(UPSTREAM.kserve.files).toEqual(expect.arrayContaining([
    'pkg/webhook/admission/pod/storage_initializer_injector.go', 'pkg/constants/constants.go', 'pkg/utils/storage.go',
    'pkg/apis/serving/v1beta1/predictor_custom.go',
  ]));
});

test('the model directory, the webhook\'s volumes and the custom container env are KServe\'s', () => {
  expect(MODEL_DIR).toBe(READ.mountPath);
  expect(KSERVE_PVC_VOLUME).toBe(READ.pvcVolume);
  expect(KSERVE_STORAGE_VOLUME).toBe(READ.downloadVolume);
  expect(KSERVE_STORAGE_URI_ENV).toBe(READ.customStorageEnv);
});

test('a cache claim is handed to KServe as pvc://<claim>/<path>, which ParsePvcURI splits back into the claim and the subPath', () => {
  const uri = kservePvcUri('qwen-model', 'Qwen/Qwen2.5-0.5B-Instruct/7ae557604adf67be50417f59c2c2f167def9a775');
  expect(uri.startsWith(READ.pvcPrefix)).toBe(true);
  const [claim, ...rest] = uri.slice(READ.pvcPrefix.length).split('/');
  expect([claim, rest.join('/')]).toEqual(['qwen-model', 'Qwen/Qwen2.5-0.5B-Instruct/7ae557604adf67be50417f59c2c2f167def9a775']);
  expect(kservePvcUri('store', '')).toBe('pvc://store');
});

test('serverless LoRA: every adapter the server reads lies inside the claim directory KServe mounts, where the cache Job writes it', () => {
  const chart = testChart();
  const base = HuggingFaceModel.fromHub('Qwen/Qwen2.5-0.5B-Instruct', { revision: '7ae557604adf67be50417f59c2c2f167def9a775' });
  const adapter = HuggingFaceModel.fromHub('acme/sql-lora', { revision: '1'.repeat(40) });
  new VllmPredictor(chart, 'chat', { model: base, mode: ServingMode.KSERVE_SERVERLESS, loraAdapters: [{ name: 'sql', model: adapter }] });
  const objects = synth(chart);
  const predictor = podSpec(only(objects, 'InferenceService'));
  const [claim, ...rest] = predictor.model.storageUri.slice(READ.pvcPrefix.length).split('/');
  const mounted = rest.join('/');
  const served = predictor.model.args[predictor.model.args.indexOf('--lora-modules') + 1].split('=')[1] as string;
  expect(served.startsWith(`${READ.mountPath}/`)).toBe(READ.pvcMountsOnlyItsPath);
  // the claim path the server reads = the mounted directory + the path below the mount point
  const readFromClaim = `${mounted}/${served.slice(READ.mountPath.length + 1)}`;
  const step = podSpec(only(objects, 'Job', `${claim}-download`)).initContainers.find((c: any) => c.name === 'lora-download-0');
  expect(step.volumeMounts.find((m: any) => m.name === 'cache').subPath).toBe(readFromClaim);
});
