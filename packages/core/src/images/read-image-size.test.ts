import { addJpegExif, encodeJpeg, encodePng, encodePngHeader } from '@sentry-snapshots/test-kit/images';
import { imageSize } from 'image-size';
import { describe, expect, it } from 'vitest';
import { readImageSize } from './read-image-size.js';

describe('readImageSize', () => {
  it('reads a PNG header', () => {
    expect(readImageSize(encodePng({ width: 37, height: 11, seed: 3 }))).toEqual({ width: 37, height: 11 });
  });

  it('reads PNGs as image-size does', () => {
    for (const [width, height] of [
      [1, 1],
      [37, 11],
      [640, 1386],
      [3000, 2],
    ] as const) {
      const png = encodePng({ width, height, seed: width });
      expect(readImageSize(png)).toEqual({ width, height });
      expect(imageSize(png)).toMatchObject({ width, height });
    }
  });

  it("reads the size behind Apple's CgBI chunk", () => {
    const header = encodePngHeader(120, 80);
    const cgbi = Buffer.from([0, 0, 0, 4, ...Buffer.from('CgBI'), 0x50, 0x00, 0x20, 0x06, 0, 0, 0, 0]);
    const fried = Buffer.concat([header.subarray(0, 8), cgbi, header.subarray(8)]);
    expect(readImageSize(fried)).toEqual({ width: 120, height: 80 });
    expect(imageSize(fried)).toMatchObject({ width: 120, height: 80 });
  });

  it('answers undefined for a PNG whose first chunk is not IHDR, as image-size refuses it', () => {
    const png = Buffer.from(encodePngHeader(10, 10));
    png.write('tEXt', 12, 'latin1');
    expect(readImageSize(png)).toBeUndefined();
    expect(() => imageSize(png)).toThrow();
  });

  it('does not read past the end of a view into a larger buffer', () => {
    const shared = Buffer.from(encodePngHeader(10, 10));
    expect(readImageSize(shared.subarray(0, 20))).toBeUndefined();
    const jpeg = encodeJpeg({ width: 9, height: 7, seed: 5 });
    const reused = Buffer.concat([jpeg, Buffer.alloc(4096)]);
    expect(readImageSize(reused.subarray(0, jpeg.length))).toEqual({ width: 9, height: 7 });
    expect(readImageSize(reused.subarray(0, 100))).toBeUndefined();
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
