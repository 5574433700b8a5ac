import { IMAGES, KSERVE_VERSION } from '../../src/core/images';
import { expectPinned, UpstreamSource, UPSTREAM } from './upstream';

/**
 * Each image row, as read in its project's Dockerfile (and release workflow) at the pinned tag: the
 * release it was read at, the user the image runs as, and whether Python with torch ≥ 2.8 runs in it
 * (then `getpass.getuser()` needs `USER`/`LOGNAME` under a UID without a passwd entry).
 */
const READ: Record<string, { source: UpstreamSource; release: string; user: string; uid: number; torchGetuser: boolean }> = {
  kserveHuggingFace: { source: UPSTREAM.kserve, release: 'v0.20.0', user: 'kserve', uid: 1000, torchGetuser: true },
  kserveHuggingFaceGpu: { source: UPSTREAM.kserve, release: 'v0.20.0', user: 'kserve', uid: 1000, torchGetuser: true },
  storageInitializer: { source: UPSTREAM.kserve, release: 'v0.20.0', user: 'kserve', uid: 1000, torchGetuser: false },
  vllm: { source: UPSTREAM.vllm, release: 'v0.28.0', user: 'root', uid: 0, torchGetuser: true },
  tei: { source: UPSTREAM.tei, release: '1.9.3', user: 'root', uid: 0, torchGetuser: false },
  teiGpu: { source: UPSTREAM.tei, release: '1.9.3', user: 'root', uid: 0, torchGetuser: false },
  infinityCpu: { source: UPSTREAM.infinity, release: '0.0.77', user: 'root', uid: 0, torchGetuser: true },
  infinity: { source: UPSTREAM.infinity, release: '0.0.77', user: 'root', uid: 0, torchGetuser: true },
  torchserve: { source: UPSTREAM.torchserve, release: '0.12.0', user: 'model-server', uid: 1000, torchGetuser: true },
  torchserveGpu: { source: UPSTREAM.torchserve, release: '0.12.0', user: 'model-server', uid: 1000, torchGetuser: true },
  sglang: { source: UPSTREAM.sglang, release: 'v0.5.18', user: 'root', uid: 0, torchGetuser: true },
};

/** The release in an image tag (`v0.20.0-gpu` → `v0.20.0`, `cpu-1.9.3` → `1.9.3`). */
function releaseOf(image: string): string {
  const tag = image.split('@')[0].split(':').pop() ?? '';
  return tag.match(/v?\d+\.\d+\.\d+/)?.[0] ?? tag;
}

/** True for a digest, or a tag naming a patch release (`x.y.z`); false for `latest`, `cpu-1.9`, `1`. */
export function isPatchPinned(image: string): boolean {
  if (/@sha256:[0-9a-f]{64}$/.test(image)) return true;
  const last = image.split('/').pop() ?? '';
  return last.includes(':') && /(^|[^0-9.])v?\d+\.\d+\.\d+([^0-9.]|$)/.test(last.split(':')[1]);
}

test('every image row was read, and only those', () => {
  expect(Object.keys(IMAGES).sort()).toEqual(Object.keys(READ).sort());
});

test.each(Object.entries(READ))('%s is still the release its facts were read at', (key, read) => {
  expectPinned(read.source, releaseOf(IMAGES[key]), read.release);
});

test('the KServe runtime version is the KServe release the contracts were read at', () => {
  expectPinned(UPSTREAM.kserve, KSERVE_VERSION);
});

test('every image in the table is pinned to a patch release or digest (no moving tag)', () => {
  expect(Object.entries(IMAGES).filter(([, image]) => !isPatchPinned(image))).toEqual([]);
});

test('the moving-tag check refuses what TEI publishes as moving tags, and latest', () => {
  for (const moving of ['ghcr.io/huggingface/text-embeddings-inference:cpu-1.9', 'ghcr.io/huggingface/text-embeddings-inference:1.9', 'vllm/vllm-openai:latest', 'vllm/vllm-openai']) {
    expect(isPatchPinned(moving)).toBe(false);
  }
  expect(isPatchPinned(`vllm/vllm-openai@sha256:${'a'.repeat(64)}`)).toBe(true);
  expect(isPatchPinned('kserve/huggingfaceserver:v0.20.0-gpu')).toBe(true);
});

test('a changed image release fails and names the files to re-read', () => {
  expect(() => expectPinned(UPSTREAM.tei, releaseOf('ghcr.io/huggingface/text-embeddings-inference:cpu-1.10.0'), '1.9.3'))
    .toThrow(/re-read router\/src\/main\.rs.*huggingface\/text-embeddings-inference at 1\.10\.0/);
});

test('no default UID is one an image was built with, so USER/LOGNAME carry the name Python looks up', () => {
  // the library runs every image as 10001 (pod-security SECURE_DEFAULTS); images with torch need the env
  const withTorch = Object.entries(READ).filter(([, r]) => r.torchGetuser).map(([k]) => k);
  expect(withTorch.length).toBeGreaterThan(0);
  expect(Object.values(READ).map(r => r.uid)).not.toContain(10001);
});
