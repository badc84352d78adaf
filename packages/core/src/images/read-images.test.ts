import { createHash } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addJpegExif,
  encodeJpeg,
  encodePng,
  encodePngHeader,
  insertJpegSegment,
  padPngBeforeEnd,
  writePng,
  writeScreenshotSet,
} from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { type DiscoveredImage, discoverImages } from './discover-images.js';
import { readImages } from './read-images.js';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function place(root: string, key: string, bytes: Uint8Array | string): Promise<DiscoveredImage> {
  const path = join(root, key);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, bytes);
  return { key, path };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('it should have thrown'),
    (error: unknown) => error,
  );
}

describe('readImages', () => {
  it('hashes the exact bytes and reads width and height of PNG and JPEG files', async () => {
    const root = await makeTempDir();
    const png = encodePng({ width: 30, height: 20, seed: 7 });
    const jpeg = encodeJpeg({ width: 16, height: 9, seed: 8 });
    const images = [await place(root, 'a/one.png', png), await place(root, 'two.JPG', jpeg)];
    const { entries, skipped, warnings } = await readImages(images);
    expect(entries).toEqual([
      {
        key: 'a/one.png',
        path: join(root, 'a/one.png'),
        size: png.length,
        contentHash: sha256(png),
        width: 30,
        height: 20,
        metadata: { content_hash: sha256(png), width: 30, height: 20 },
      },
      {
        key: 'two.JPG',
        path: join(root, 'two.JPG'),
        size: jpeg.length,
        contentHash: sha256(jpeg),
        width: 16,
        height: 9,
        metadata: { content_hash: sha256(jpeg), width: 16, height: 9 },
      },
    ]);
    expect(entries[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(skipped).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('reads a JPEG whose EXIF block comes before the frame header', async () => {
    const root = await makeTempDir();
    const jpeg = addJpegExif(encodeJpeg({ width: 12, height: 34, seed: 1 }), {
      orientation: 6,
      padding: 50_000,
    });
    const { entries } = await readImages([await place(root, 'photo.jpeg', jpeg)]);
    expect(entries[0]).toMatchObject({ width: 12, height: 34, contentHash: sha256(jpeg), size: jpeg.length });
  });

  it('finds a JPEG frame header behind more than 64 KiB of metadata blocks (past any first read)', async () => {
    const root = await makeTempDir();
    const exif = addJpegExif(encodeJpeg({ width: 21, height: 13, seed: 5 }), { padding: 60_000 });
    const jpeg = insertJpegSegment(exif, 0xe2, Buffer.alloc(60_000, 1));
    expect(jpeg.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(120_000);
    const { entries } = await readImages([await place(root, 'deep.jpg', jpeg)]);
    expect(entries[0]).toMatchObject({ width: 21, height: 13, contentHash: sha256(jpeg) });
  });

  it('hashes a file larger than one read chunk in full', async () => {
    const root = await makeTempDir();
    const png = encodePng({ width: 3, height: 3, seed: 1 });
    // Filler before the end chunk: the file still ends as a PNG does, past the first read.
    const big = padPngBeforeEnd(png, Buffer.alloc(9 * 1024 * 1024, 7));
    const { entries } = await readImages([await place(root, 'big.png', big)]);
    expect(entries[0]).toMatchObject({ width: 3, height: 3, size: big.length, contentHash: sha256(big) });
  });

  it('skips a PNG or JPEG cut short (header intact, end marker missing), also past the first read chunk', async () => {
    const root = await makeTempDir();
    const png = encodePng({ width: 40, height: 30, seed: 3 });
    const jpeg = encodeJpeg({ width: 40, height: 30, seed: 4 });
    const bigCut = Buffer.concat([png.subarray(0, -12), Buffer.alloc(9 * 1024 * 1024, 7)]);
    const images = [
      await place(root, 'half.png', png.subarray(0, Math.floor(png.length / 2))),
      await place(root, 'half.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2))),
      await place(root, 'big-cut.png', bigCut),
      await place(root, 'whole.png', png),
      await place(root, 'whole.jpg', jpeg),
      // A few zero bytes after the end marker, as some tools pad files: still whole.
      await place(root, 'padded.jpg', Buffer.concat([jpeg, Buffer.alloc(32)])),
    ];
    const { entries, skipped, warnings } = await readImages(images);
    expect(entries.map((entry) => entry.key)).toEqual(['whole.png', 'whole.jpg', 'padded.jpg']);
    expect(skipped).toEqual([
      { key: 'half.png', reason: 'the file is truncated: it does not end with the PNG end chunk (IEND)' },
      { key: 'half.jpg', reason: 'the file is truncated: it does not end with the JPEG end marker' },
      { key: 'big-cut.png', reason: 'the file is truncated: it does not end with the PNG end chunk (IEND)' },
    ]);
    expect(warnings[0]).toBe(
      'Skipped half.png: the file is truncated: it does not end with the PNG end chunk (IEND).',
    );
  });

  it('merges sidecar keys, then sets content_hash, width and height over them', async () => {
    const root = await makeTempDir();
    const png = encodePng({ width: 8, height: 6, fill: [9, 9, 9, 255] });
    const image = await place(root, 'screen.png', png);
    await writeFile(
      join(root, 'screen.json'),
      JSON.stringify({
        display_name: 'Screen',
        content_hash: 'bogus',
        width: 1,
        height: 2,
        tags: ['dark'],
        context: { device: 'phone' },
      }),
    );
    const { entries, warnings } = await readImages([{ ...image, sidecarPath: join(root, 'screen.json') }]);
    expect(entries[0]!.metadata).toEqual({
      display_name: 'Screen',
      content_hash: sha256(png),
      width: 8,
      height: 6,
      tags: ['dark'],
      context: { device: 'phone' },
    });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['an array', '["a", "b"]', 'Ignored sidecar s.json: it must be a JSON object, not an array.'],
    ['null', 'null', 'Ignored sidecar s.json: it must be a JSON object, not null.'],
    ['a string', '"hello"', 'Ignored sidecar s.json: it must be a JSON object, not a string.'],
  ])('ignores a sidecar that is %s, with a warning', async (_kind, text, warning) => {
    const root = await makeTempDir();
    const png = encodePng({ width: 2, height: 2, seed: 1 });
    const image = await place(root, 's.png', png);
    await writeFile(join(root, 's.json'), text);
    const { entries, warnings } = await readImages([{ ...image, sidecarPath: join(root, 's.json') }]);
    expect(entries[0]!.metadata).toEqual({ content_hash: sha256(png), width: 2, height: 2 });
    expect(warnings).toEqual([warning]);
  });

  it('ignores a sidecar with invalid JSON or that cannot be read, with warnings', async () => {
    const root = await makeTempDir();
    const png = encodePng({ width: 2, height: 2, seed: 2 });
    const bad = await place(root, 'dir/bad.png', png);
    await writeFile(join(root, 'dir/bad.json'), '{"display_name": ');
    const gone = await place(root, 'dir/gone.png', png);
    const { entries, warnings, ignoredSidecars } = await readImages([
      { ...bad, sidecarPath: join(root, 'dir/bad.json') },
      { ...gone, sidecarPath: join(root, 'dir/gone.json') },
    ]);
    expect(entries.map((entry) => entry.metadata)).toEqual([
      { content_hash: sha256(png), width: 2, height: 2 },
      { content_hash: sha256(png), width: 2, height: 2 },
    ]);
    expect(warnings[0]).toMatch(/^Ignored sidecar dir\/bad\.json: it is not valid JSON \(.+\)\.$/);
    expect(warnings[1]).toBe('Ignored sidecar dir/gone.json: cannot read it (ENOENT).');
    expect(ignoredSidecars).toEqual([
      { key: 'dir/bad.json', reason: expect.stringMatching(/^it is not valid JSON \(.+\)$/) },
      { key: 'dir/gone.json', reason: 'cannot read it (ENOENT)' },
    ]);
  });

  it('refuses a sidecar nested deeper than 100 levels, naming it, before reading any image', async () => {
    const root = await makeTempDir();
    await writePng(join(root, 'a.png'), { width: 2, height: 2, seed: 1 });
    await writePng(join(root, 'z.png'), { width: 2, height: 2, seed: 2 });
    await writeFile(join(root, 'a.json'), `{"ok":${'['.repeat(99)}${']'.repeat(99)}}`);
    await writeFile(join(root, 'z.json'), `{"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const { images } = await discoverImages(root);
    const entries: string[] = [];
    const error = await readImages(images, { onEntry: (entry) => entries.push(entry.key) }).catch(
      (caught: unknown) => caught,
    );
    expect(isSnapshotsError(error) && error.code).toBe('INVALID_MANIFEST');
    expect((error as Error).message).toContain(join(root, 'z.json'));
    expect((error as Error).message).toContain('deeper than 100 levels');
    expect(entries).toEqual([]);
    // 100 levels is allowed.
    const kept = await readImages(images.slice(0, 1));
    expect(kept.entries[0]?.metadata.ok).toEqual(JSON.parse(`${'['.repeat(99)}${']'.repeat(99)}`));
  });

  it('skips a truncated PNG and an empty file with a warning naming each, and keeps the rest', async () => {
    const root = await makeTempDir();
    const good = encodePng({ width: 4, height: 5, seed: 1 });
    const images = [
      await place(root, 'cut.png', good.subarray(0, 20)),
      await place(root, 'good.png', good),
      await place(root, 'empty.png', ''),
    ];
    const announced: string[] = [];
    const { entries, skipped, warnings } = await readImages(images, {
      onEntry: (entry) => announced.push(entry.key),
    });
    expect(entries.map((entry) => entry.key)).toEqual(['good.png']);
    // Only entries are announced, each once, skipped files not at all.
    expect(announced).toEqual(['good.png']);
    expect(skipped).toEqual([
      { key: 'cut.png', reason: 'cannot read its width and height from the header' },
      { key: 'empty.png', reason: 'cannot read its width and height from the header' },
    ]);
    expect(warnings).toEqual([
      'Skipped cut.png: cannot read its width and height from the header.',
      'Skipped empty.png: cannot read its width and height from the header.',
    ]);
  });

  it('refuses an image over 40,000,000 pixels with IMAGE_TOO_LARGE naming the file and its size', async () => {
    const root = await makeTempDir();
    const images = [
      await place(root, 'fine.png', encodePngHeader(8000, 5000)),
      await place(root, 'huge.png', encodePngHeader(8000, 5001)),
    ];
    const error = await failure(readImages(images));
    expect(isSnapshotsError(error) && error.code).toBe('IMAGE_TOO_LARGE');
    expect((error as Error).message).toBe(
      `The image ${join(root, 'huge.png')} is 8000×5001 (40,008,000 pixels), over Sentry's limit of 40,000,000 pixels.`,
    );
  });

  it('fails with IMAGE_UNREADABLE and a hint when a file vanished or is not a file', async () => {
    const root = await makeTempDir();
    await mkdir(join(root, 'folder.png'));
    for (const image of [
      { key: 'vanished.png', path: join(root, 'vanished.png') },
      { key: 'folder.png', path: join(root, 'folder.png') },
    ]) {
      const error = await failure(readImages([image]));
      expect(isSnapshotsError(error) && error.code).toBe('IMAGE_UNREADABLE');
      expect((error as Error).message).toContain(image.path);
      expect(isSnapshotsError(error) && error.hint).toBeTruthy();
    }
  });

  // Root reads any file whatever its mode, and these tests run as root in CI containers: there the
  // vanished-file and folder cases above exercise the same error path.
  it.skipIf(process.getuid?.() === 0)(
    'fails with IMAGE_UNREADABLE on a file without read permission',
    async () => {
      const root = await makeTempDir();
      const image = await place(root, 'locked.png', encodePng({ width: 2, height: 2, seed: 1 }));
      await chmod(image.path, 0o000);
      const error = await failure(readImages([image]));
      expect(isSnapshotsError(error) && error.code).toBe('IMAGE_UNREADABLE');
      expect((error as Error).message).toContain('EACCES');
    },
  );

  it('keeps input order, reports progress for every image, and reads a whole screenshot set', async () => {
    const root = await makeTempDir();
    const files = await writeScreenshotSet(root, {
      count: 30,
      width: 40,
      height: 80,
      jpegEvery: 7,
      sidecarEvery: 4,
    });
    const { images } = await discoverImages(root);
    const reversed = [...images].reverse();
    const progress: [number, number, number][] = [];
    const { entries, warnings } = await readImages(reversed, {
      onProgress: (done, total, bytes) => progress.push([done, total, bytes]),
    });
    expect(entries.map((entry) => entry.key)).toEqual(reversed.map((image) => image.key));
    expect(warnings).toEqual([]);
    const totalBytes = entries.reduce((sum, entry) => sum + entry.size, 0);
    expect(progress).toHaveLength(30);
    expect(progress.map(([done]) => done)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(progress.at(-1)).toEqual([30, 30, totalBytes]);
    for (const file of files) {
      const entry = entries.find((candidate) => candidate.key === file.key)!;
      expect(entry.contentHash).toBe(sha256(await readFile(file.path)));
      expect(entry).toMatchObject({ width: 40, height: 80 });
      if (file.sidecar) expect(entry.metadata).toMatchObject(file.sidecar);
    }
  });

  it('stops when the signal is aborted', async () => {
    const root = await makeTempDir();
    const image = { key: 'a.png', path: join(root, 'a.png') };
    await writePng(image.path, { width: 2, height: 2, seed: 1 });
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(readImages([image], { signal: controller.signal })).rejects.toThrow('stop');
  });
});
