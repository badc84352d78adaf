import { encodeJpeg, encodePng } from '@sentry-snapshots/test-kit/images';
import { describe, expect, it } from 'vitest';
import { compareImages } from './compare-images.js';
import { decodeImage } from './decode-image.js';

/** Paints the left `columns` columns of an image blue. */
const paintLeft = (columns: number) => (pixels: Buffer, width: number, height: number) => {
  for (let y = 0; y < height; y++)
    for (let x = 0; x < columns; x++) pixels.set([0, 0, 255, 255], (y * width + x) * 4);
};

describe('compareImages', () => {
  it('calls identical bytes unchanged without decoding them', async () => {
    // Not an image at all: decoding would throw.
    const bytes = Buffer.from('same bytes');
    expect(await compareImages(bytes, Buffer.from(bytes))).toEqual({
      status: 'unchanged',
      reason: 'identical-bytes',
    });
  });

  it('calls the same pixels in another encoding unchanged', async () => {
    const base = encodePng({ width: 40, height: 30, seed: 3, filterType: 0 });
    const head = encodePng({ width: 40, height: 30, seed: 3, filterType: 4 });
    expect(Buffer.compare(base, head)).not.toBe(0);
    expect(await compareImages(base, head)).toMatchObject({
      status: 'unchanged',
      reason: 'pixels',
      changedPixels: 0,
    });
  });

  it('reports the changed fraction and a mask PNG of the changed pixels', async () => {
    const base = encodePng({ width: 20, height: 20, fill: [255, 255, 255, 255] });
    const head = encodePng({ width: 20, height: 20, fill: [255, 255, 255, 255], draw: paintLeft(5) });
    const result = await compareImages(base, head);
    expect(result).toMatchObject({
      status: 'changed',
      reason: 'pixels',
      changedPixels: 100,
      totalPixels: 400,
      fraction: 0.25,
    });
    if (result.reason === 'identical-bytes' || !result.mask) throw new Error('expected a mask');
    const mask = await decodeImage(result.mask);
    expect(mask).toMatchObject({ width: 20, height: 20 });
    expect([...mask.data.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(mask.data[(10 * 20 + 10) * 4 + 3]).toBe(0);
  });

  it('keeps an image unchanged while its changed fraction stays within diffThreshold', async () => {
    const base = encodePng({ width: 20, height: 20, fill: [255, 255, 255, 255] });
    const head = encodePng({ width: 20, height: 20, fill: [255, 255, 255, 255], draw: paintLeft(5) });
    const within = await compareImages(base, head, { diffThreshold: 0.25 });
    expect(within).toMatchObject({ status: 'unchanged', fraction: 0.25 });
    expect(within).not.toHaveProperty('mask');
    expect(await compareImages(base, head, { diffThreshold: 0.24 })).toMatchObject({ status: 'changed' });
    expect(await compareImages(base, head, { mask: false })).not.toHaveProperty('mask');
  });

  it('calls a change of size changed whatever the threshold', async () => {
    const base = encodePng({ width: 20, height: 20, fill: [0, 0, 0, 255] });
    const head = encodePng({ width: 30, height: 20, fill: [0, 0, 0, 255] });
    const result = await compareImages(base, head, { diffThreshold: 0.9 });
    expect(result).toMatchObject({
      status: 'changed',
      reason: 'layout',
      changedPixels: 200,
      totalPixels: 600,
      base: { width: 20, height: 20 },
      head: { width: 30, height: 20 },
    });
  });

  it('compares JPEGs', async () => {
    const base = encodeJpeg({ width: 64, height: 64, seed: 5, quality: 90 });
    const head = encodeJpeg({ width: 64, height: 64, seed: 5, quality: 90, draw: paintLeft(16) });
    const result = await compareImages(base, head);
    expect(result.status).toBe('changed');
    if (result.reason === 'identical-bytes') throw new Error('expected a pixel comparison');
    expect(result.fraction).toBeGreaterThan(0.2);
    expect(result.fraction).toBeLessThan(0.35);
  });
});
