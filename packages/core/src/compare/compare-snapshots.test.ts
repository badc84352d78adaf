import { createHash } from 'node:crypto';
import { encodePng } from '@sentry-snapshots/test-kit/images';
import { describe, expect, it } from 'vitest';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import {
  type ComparedSnapshot,
  compareSnapshots,
  type ImageSide,
  type LoadImage,
} from './compare-snapshots.js';
import { decodeImage } from './decode-image.js';
import { SnapshotComparisonSchema } from './snapshot-comparison.js';

const white = [255, 255, 255, 255] as const;
/** Paints the left `columns` columns of an image blue. */
const paintLeft = (columns: number) => (pixels: Buffer, width: number, height: number) => {
  for (let y = 0; y < height; y++)
    for (let x = 0; x < columns; x++) pixels.set([0, 0, 255, 255], (y * width + x) * 4);
};

/** An in-memory suite: image metadata by name, and the bytes a loader reads. */
function suite(files: Record<string, Uint8Array>, extra: Record<string, Partial<ImageMetadata>> = {}) {
  const images: Record<string, ImageMetadata> = {};
  for (const [name, bytes] of Object.entries(files)) {
    images[name] = {
      content_hash: createHash('sha256').update(bytes).digest('hex'),
      width: 20,
      height: 20,
      ...extra[name],
    };
  }
  return { images, files };
}

function loaderOf(
  base: { files: Record<string, Uint8Array> },
  head: { files: Record<string, Uint8Array> },
): LoadImage {
  return async (side: ImageSide, name: string) => {
    const bytes = (side === 'base' ? base.files : head.files)[name];
    if (!bytes) throw new Error(`no ${side} image ${name}`);
    return bytes;
  };
}

const plain = encodePng({ width: 20, height: 20, fill: white });
const quarterBlue = encodePng({ width: 20, height: 20, fill: white, draw: paintLeft(5) });
const reencoded = encodePng({ width: 20, height: 20, fill: white, filterType: 0 });
const logo = encodePng({ width: 20, height: 20, seed: 7 });
const world = {};

describe('compareSnapshots', () => {
  it('sorts images into the lists the server reports', async () => {
    const base = suite({
      'same.png': plain,
      'reencoded.png': plain,
      'changed.png': plain,
      'gone.png': quarterBlue,
      'old-name.png': logo,
      'broken.png': plain,
    });
    const head = suite({
      'same.png': plain,
      'reencoded.png': reencoded,
      'changed.png': quarterBlue,
      'new.png': encodePng({ width: 20, height: 20, seed: 9 }),
      'new-name.png': logo,
      'broken.png': Buffer.from('not a png'),
    });
    const masks = new Map<string, Uint8Array>();
    const result = await compareSnapshots(world, base, head, {
      loadImage: loaderOf(base, head),
      storeDiffMask: async (name, png) => {
        masks.set(name, png);
        return `masks/${name}`;
      },
    });

    expect(SnapshotComparisonSchema.parse(result)).toEqual(result);
    expect(result.unchanged.map((image) => image.image_file_name)).toEqual(['reencoded.png', 'same.png']);
    expect(result.added.map((image) => image.image_file_name)).toEqual(['new.png']);
    expect(result.removed.map((image) => image.image_file_name)).toEqual(['gone.png']);
    expect(result.renamed).toEqual([
      {
        base_image: {
          key: base.images['old-name.png']!.content_hash,
          image_file_name: 'old-name.png',
          width: 20,
          height: 20,
        },
        head_image: {
          key: head.images['new-name.png']!.content_hash,
          image_file_name: 'new-name.png',
          width: 20,
          height: 20,
        },
      },
    ]);
    expect(result.changed).toEqual([
      {
        base_image: expect.objectContaining({
          image_file_name: 'changed.png',
          key: base.images['changed.png']!.content_hash,
        }),
        head_image: expect.objectContaining({
          image_file_name: 'changed.png',
          key: head.images['changed.png']!.content_hash,
        }),
        diff: 0.25,
        diff_pixel_count: 100,
        diff_image_key: 'masks/changed.png',
      },
    ]);
    expect(result.errored).toEqual([
      expect.objectContaining({
        base_image: expect.objectContaining({ image_file_name: 'broken.png' }),
        error_message: expect.stringContaining('Cannot decode image'),
      }),
    ]);
    expect(result).toMatchObject({
      added_count: 1,
      removed_count: 1,
      unchanged_count: 2,
      skipped_count: 0,
      changed_count: 1,
      renamed_count: 1,
      errored_count: 1,
    });
    expect([...masks.keys()]).toEqual(['changed.png']);
    expect(await decodeImage(masks.get('changed.png')!)).toMatchObject({ width: 20, height: 20 });
  });

  it('never loads images whose content hashes match', async () => {
    const base = suite({ 'a.png': plain });
    const head = suite({ 'a.png': plain });
    const result = await compareSnapshots(world, base, head, {
      loadImage: async () => {
        throw new Error('must not load');
      },
    });
    expect(result.unchanged_count).toBe(1);
  });

  it("applies the image's diff_threshold, else the head snapshot's, else 0", async () => {
    const base = suite({ 'own.png': plain, 'snapshot.png': plain, 'none.png': plain });
    const files = { 'own.png': quarterBlue, 'snapshot.png': quarterBlue, 'none.png': quarterBlue };
    const head = suite(files, { 'own.png': { diff_threshold: 0.3 } });
    const options = { loadImage: loaderOf(base, head) };
    const withSnapshotThreshold: ComparedSnapshot = { ...head, diffThreshold: 0.2 };
    const strict = await compareSnapshots(world, base, withSnapshotThreshold, options);
    expect(strict.unchanged.map((image) => image.image_file_name)).toEqual(['own.png']);
    expect(strict.changed.map((pair) => pair.head_image?.image_file_name)).toEqual([
      'none.png',
      'snapshot.png',
    ]);
    expect(strict.changed[0]).not.toHaveProperty('diff_image_key');

    const lenient = await compareSnapshots(world, base, { ...head, diffThreshold: 0.25 }, options);
    expect(lenient.unchanged.map((image) => image.image_file_name)).toEqual([
      'none.png',
      'own.png',
      'snapshot.png',
    ]);
  });

  it('skips base images a selective head lacks, unless its full list drops them', async () => {
    const base = suite({ 'kept.png': plain, 'not-rerun.png': plain, 'deleted.png': quarterBlue });
    const head = suite({ 'kept.png': plain });
    const options = { loadImage: loaderOf(base, head) };
    const selective = await compareSnapshots(world, base, { ...head, selective: true }, options);
    expect(selective.skipped.map((image) => image.image_file_name)).toEqual(['deleted.png', 'not-rerun.png']);
    expect(selective.removed_count).toBe(0);

    const listed = await compareSnapshots(
      world,
      base,
      { ...head, selective: true, allImageFileNames: ['kept.png', 'not-rerun.png'] },
      options,
    );
    expect(listed.skipped.map((image) => image.image_file_name)).toEqual(['not-rerun.png']);
    expect(listed.removed.map((image) => image.image_file_name)).toEqual(['deleted.png']);

    const full = await compareSnapshots(world, base, head, options);
    expect(full.removed.map((image) => image.image_file_name)).toEqual(['deleted.png', 'not-rerun.png']);
  });

  it('pairs each removed image with at most one new name of the same content', async () => {
    const base = suite({ 'a.png': logo });
    const head = suite({ 'b.png': logo, 'c.png': logo });
    const result = await compareSnapshots(world, base, head, { loadImage: loaderOf(base, head) });
    expect(
      result.renamed.map((pair) => [pair.base_image?.image_file_name, pair.head_image?.image_file_name]),
    ).toEqual([['a.png', 'b.png']]);
    expect(result.added.map((image) => image.image_file_name)).toEqual(['c.png']);
    expect(result.removed_count).toBe(0);
  });

  it('keeps decoded pixels within the budget and reports progress', async () => {
    const names = ['1.png', '2.png', '3.png', '4.png'];
    const base = suite(Object.fromEntries(names.map((name) => [name, plain])));
    const head = suite(Object.fromEntries(names.map((name) => [name, quarterBlue])));
    let inFlight = 0;
    let mostInFlight = 0;
    const load = loaderOf(base, head);
    const progress: number[] = [];
    const result = await compareSnapshots(world, base, head, {
      concurrency: 4,
      // A small pair weighs one megapixel: one fits, two do not.
      megapixelBudget: 1,
      loadImage: async (side, name, image) => {
        if (side === 'base') mostInFlight = Math.max(mostInFlight, ++inFlight);
        const bytes = await load(side, name, image);
        await new Promise((resolve) => setImmediate(resolve));
        if (side === 'base') inFlight--;
        return bytes;
      },
      onProgress: ({ done, total }) => progress.push(done / total),
    });
    expect(result.changed_count).toBe(4);
    expect(mostInFlight).toBe(1);
    expect(progress).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it('stops with ABORTED when the signal aborts', async () => {
    const base = suite({ 'a.png': plain, 'b.png': plain });
    const head = suite({ 'a.png': quarterBlue, 'b.png': quarterBlue });
    const controller = new AbortController();
    const run = compareSnapshots({ signal: controller.signal }, base, head, {
      concurrency: 1,
      loadImage: async (side, name) => {
        controller.abort();
        return (side === 'base' ? base.files : head.files)[name]!;
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
