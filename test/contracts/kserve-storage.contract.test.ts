import { kservePvcUri, MODEL_DIR } from '../../src/core/delivery';
import { KSERVE_VERSION } from '../../src/core/kserve-release';
import { KSERVE_PVC_VOLUME, KSERVE_STORAGE_URI_ENV, KSERVE_STORAGE_VOLUME } from '../../src/core/serving/volumes';
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
