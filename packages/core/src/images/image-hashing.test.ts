import { mkdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addJpegExif, encodeJpeg, encodePng, writeScreenshotSet } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { uploadSnapshot } from '../upload/upload-snapshot.js';
import { silentLogger, type World } from '../world.js';
import { discoverImages } from './discover-images.js';
import { MAX_AHEAD } from './hash-worker.js';
import { type ImageHashing, startImageHashing } from './image-hashing.js';
import { readImages } from './read-images.js';

// The threads run the built worker module: the source is TypeScript, which worker threads cannot load.
const workerModule = new URL('../../dist/hash-worker.mjs', import.meta.url);

/** A folder with everything the reader tells apart: PNGs, JPEGs, sidecars, files cut short, no image. */
async function makeFolder(): Promise<string> {
  const root = await makeTempDir('hashing-');
  await writeScreenshotSet(root, { count: 90, width: 24, height: 40, jpegEvery: 7, sidecarEvery: 5 });
  const png = encodePng({ width: 40, height: 30, seed: 3 });
  const jpeg = encodeJpeg({ width: 40, height: 30, seed: 4 });
  await mkdir(join(root, 'odd'), { recursive: true });
  await writeFile(join(root, 'odd/half.png'), png.subarray(0, png.length >> 1));
  await writeFile(join(root, 'odd/half.jpg'), jpeg.subarray(0, jpeg.length >> 1));
  await writeFile(join(root, 'odd/not-an-image.png'), 'hello');
  await writeFile(join(root, 'odd/empty.jpg'), '');
  // A frame header past the first 64 KiB.
  await writeFile(
    join(root, 'odd/exif.jpg'),
    addJpegExif(addJpegExif(jpeg, { padding: 40_000 }), { padding: 40_000 }),
  );
  await writeFile(
    join(root, 'odd/big.png'),
    Buffer.concat([png.subarray(0, -12), Buffer.alloc(9 << 20), png.subarray(-12)]),
  );
  return root;
}

/** Waits (up to 20 s) until the workers answered `count` files, so the test sees their answers used. */
async function workersAnswered(hashing: ImageHashing, count: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (hashing.reads().workers < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(hashing.reads().workers).toBeGreaterThanOrEqual(count);
}

describe('startImageHashing', () => {
  it('gives what one thread reads (hashes, sizes, skips, sidecars), reading each file once', async () => {
    const root = await makeFolder();
    const alone = await discoverImages(root);
    const expected = await readImages(alone.images);

    const hashing = startImageHashing(root, { threads: 2, workerModule });
    expect(hashing.found).toEqual(alone);
    await workersAnswered(hashing, 1);
    const joined = await readImages(hashing.found.images, { hashing });
    expect(joined).toEqual(expected);
    expect(expected.skipped.map((skip) => skip.key).sort()).toEqual([
      'odd/empty.jpg',
      'odd/half.jpg',
      'odd/half.png',
      'odd/not-an-image.png',
    ]);
    const { here, workers } = hashing.reads();
    expect(here + workers).toBe(alone.images.length);
  });

  it('reports a file gone after discovery as one thread does, when a worker read it', async () => {
    const root = await makeFolder();
    const alone = await discoverImages(root);
    const hashing = startImageHashing(root, { threads: 1, workerModule });
    // The worker thread is still starting: nothing is read yet. A folder now where an image was.
    const gone = hashing.found.images[40]!.path;
    rmSync(gone);
    mkdirSync(gone);
    await workersAnswered(hashing, hashing.found.images.length);
    const joined = await readImages(hashing.found.images, { hashing }).catch((error: unknown) => error);
    const single = await readImages(alone.images).catch((error: unknown) => error);
    expect(joined).toMatchObject({ code: 'IMAGE_UNREADABLE', details: { path: gone } });
    expect(joined).toEqual(single);
    expect(String((joined as Error).message)).toContain('(EISDIR)');
    expect(hashing.reads().here).toBe(0);
  });

  it('reads everything on the calling thread when no worker can start', async () => {
    const root = await makeFolder();
    const expected = await readImages((await discoverImages(root)).images);
    const hashing = startImageHashing(root, {
      threads: 2,
      workerModule: new URL('./no-such-worker.mjs', workerModule),
    });
    expect(await readImages(hashing.found.images, { hashing })).toEqual(expected);
    expect(hashing.reads()).toEqual({ here: hashing.found.images.length, workers: 0 });

    // A worker that starts and dies at once leaves its files to this thread too.
    const broken = join(await makeTempDir('broken-worker-'), 'hash-worker.mjs');
    await writeFile(broken, "throw new Error('broken worker');\n");
    const dying = startImageHashing(root, { threads: 2, workerModule: pathToFileURL(broken) });
    expect(await readImages(dying.found.images, { hashing: dying })).toEqual(expected);
    expect(dying.reads()).toEqual({ here: dying.found.images.length, workers: 0 });
  });

  it('claims no more than a bound ahead of the answers taken, then goes on as they are', async () => {
    const root = await makeTempDir('many-');
    await writeScreenshotSet(root, { count: MAX_AHEAD + 300, width: 2, height: 2, perFolder: 500 });
    const hashing = startImageHashing(root, { threads: 1, workerModule });
    await workersAnswered(hashing, MAX_AHEAD);
    // Given time, a worker without the bound would have read the rest.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(hashing.reads().workers).toBeLessThanOrEqual(MAX_AHEAD + 1);
    const { entries } = await readImages(hashing.found.images, { hashing });
    expect(entries).toHaveLength(MAX_AHEAD + 300);
    const { here, workers } = hashing.reads();
    expect(here + workers).toBe(MAX_AHEAD + 300);
  });

  it('throws what discovery throws for a folder that is not there', () => {
    expect(() => startImageHashing('/no/such/folder', { workerModule })).toThrow(
      expect.objectContaining({ code: 'PATH_NOT_FOUND' }),
    );
  });
});

describe('an upload given hashing started earlier', () => {
  const world = (cwd: string): World => ({
    env: {},
    cwd,
    logger: silentLogger,
    clock: { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
  });
  const options = (path: string, prefix?: string) => ({
    folders: [{ path, prefix }],
    org: 'acme',
    project: 'web',
    appId: 'web',
    url: 'http://127.0.0.1:9/',
    dryRun: true,
    gitMetadata: 'off' as const,
  });

  it('joins it for the same folder, and stops and ignores one of another folder', async () => {
    const root = await makeFolder();
    const other = await makeTempDir('other-');
    await writeScreenshotSet(other, { count: 70, width: 8, height: 8, seed: 9 });
    const expected = await uploadSnapshot(options(root), world(root));

    const same = startImageHashing(root, { threads: 1, workerModule });
    const joined = await uploadSnapshot({ ...options('.'), hashing: same }, world(root));
    expect(joined.manifest).toEqual(expected.manifest);
    expect(same.reads().here + same.reads().workers).toBe(same.found.images.length);

    const stale = startImageHashing(other, { threads: 1, workerModule });
    const fresh = await uploadSnapshot({ ...options(root), hashing: stale }, world(root));
    expect(fresh.manifest).toEqual(expected.manifest);
    // Stopped: whatever it read, it claims nothing more, and the calling thread read none of it.
    expect(stale.reads().here).toBe(0);

    // The same folder under a name prefix is another set of names: found again, not joined.
    const unprefixed = startImageHashing(root, { threads: 1, workerModule });
    const prefixed = await uploadSnapshot({ ...options(root, 'app'), hashing: unprefixed }, world(root));
    expect(prefixed.manifest?.images).toEqual(
      Object.fromEntries(
        Object.entries(expected.manifest?.images ?? {}).map(([name, image]) => [`app/${name}`, image]),
      ),
    );
    expect(unprefixed.reads().here).toBe(0);
  });
});
