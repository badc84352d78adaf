import { encodeJpeg, encodePng } from '@sentry-snapshots/test-kit/images';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeImage } from './decode-image.js';

describe('decodeImage', () => {
  it('decodes a PNG to its exact RGBA pixels', async () => {
    const bytes = encodePng({ width: 3, height: 2, fill: [10, 20, 30, 128] });
    const image = await decodeImage(bytes);
    expect(image).toMatchObject({ width: 3, height: 2 });
    expect([...image.data.subarray(0, 8)]).toEqual([10, 20, 30, 128, 10, 20, 30, 128]);
    expect(image.data.length).toBe(3 * 2 * 4);
  });

  it('decodes a JPEG to opaque RGBA close to its colours', async () => {
    const image = await decodeImage(
      encodeJpeg({ width: 16, height: 8, fill: [200, 40, 40, 255], quality: 95 }),
    );
    expect(image).toMatchObject({ width: 16, height: 8 });
    const [r, g, b, a] = image.data;
    expect(Math.abs(r! - 200)).toBeLessThan(4);
    expect(Math.abs(g! - 40)).toBeLessThan(4);
    expect(Math.abs(b! - 40)).toBeLessThan(4);
    expect(a).toBe(255);
  });

  it('widens grey and 16-bit PNGs to 8-bit RGBA', async () => {
    const grey = await sharp({
      create: { width: 2, height: 2, channels: 3, background: { r: 90, g: 90, b: 90 } },
    })
      .grayscale()
      .png()
      .toBuffer();
    expect([...(await decodeImage(grey)).data.subarray(0, 4)]).toEqual([90, 90, 90, 255]);
    const deep = await sharp({ create: { width: 2, height: 1, channels: 4, background: '#ff8000' } })
      .png({ palette: false })
      .toColourspace('rgb16')
      .toBuffer();
    const decoded = await decodeImage(deep);
    expect(decoded.data.length).toBe(2 * 1 * 4);
    expect([...decoded.data.subarray(0, 4)]).toEqual([255, 128, 0, 255]);
  });

  it('reports bytes that are no image as IMAGE_UNREADABLE', async () => {
    await expect(decodeImage(Buffer.from('not an image'))).rejects.toMatchObject({
      code: 'IMAGE_UNREADABLE',
    });
  });
});
