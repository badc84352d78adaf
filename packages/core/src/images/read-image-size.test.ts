import { addJpegExif, encodeJpeg, encodePng, encodePngHeader } from '@sentry-snapshots/test-kit/images';
import { describe, expect, it } from 'vitest';
import { readImageSize } from './read-image-size.js';

describe('readImageSize', () => {
  it('reads a PNG header', () => {
    expect(readImageSize(encodePng({ width: 37, height: 11, seed: 3 }))).toEqual({ width: 37, height: 11 });
  });

  it('reads a crafted header declaring far more pixels than were ever allocated', () => {
    expect(readImageSize(encodePngHeader(10_000, 5_000))).toEqual({ width: 10_000, height: 5_000 });
  });

  it('reads a JPEG frame header', () => {
    expect(readImageSize(encodeJpeg({ width: 33, height: 17, seed: 1 }))).toEqual({ width: 33, height: 17 });
  });

  it('finds the JPEG frame header behind a large EXIF block, without applying the orientation', () => {
    const jpeg = addJpegExif(encodeJpeg({ width: 20, height: 10, seed: 2 }), {
      orientation: 6,
      padding: 30_000,
    });
    expect(jpeg.indexOf(Buffer.from([0xff, 0xc0]))).toBeGreaterThan(30_000);
    expect(readImageSize(jpeg)).toEqual({ width: 20, height: 10 });
  });

  it('reads a JPEG named like a PNG by its content', () => {
    expect(readImageSize(encodeJpeg({ width: 5, height: 6, fill: [1, 2, 3, 255] }))).toEqual({
      width: 5,
      height: 6,
    });
  });

  it('answers undefined for a truncated PNG header, an empty file and non-image bytes', () => {
    expect(readImageSize(encodePng({ width: 4, height: 4, seed: 1 }).subarray(0, 20))).toBeUndefined();
    expect(readImageSize(new Uint8Array())).toBeUndefined();
    expect(readImageSize(Buffer.from('not an image at all, just text'))).toBeUndefined();
  });

  it('answers undefined for a JPEG cut before its frame header', () => {
    const jpeg = addJpegExif(encodeJpeg({ width: 8, height: 8, seed: 4 }), { padding: 1000 });
    expect(readImageSize(jpeg.subarray(0, 900))).toBeUndefined();
  });
});
