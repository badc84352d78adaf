import { SnapshotsError } from '../errors.js';
import { loadSharp } from './load-sharp.js';
import type { RgbaImage } from './rgba-image.js';

/**
 * Decodes PNG or JPEG bytes to 8-bit sRGB RGBA. libvips (through sharp) decodes several times
 * faster than pngjs, and faster still than jpeg-js (measured in the bench,
 * bench/results/compare-latest.md), and does it on libuv's pool instead of the event loop.
 */
export async function decodeImage(bytes: Uint8Array): Promise<RgbaImage> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes)
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: alignedBytes(data) };
  } catch (error) {
    throw new SnapshotsError('IMAGE_UNREADABLE', `Cannot decode image: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** pixelmatch reads pixels as 32-bit words, which needs a 4-byte aligned view. */
function alignedBytes(data: Buffer): Uint8Array {
  return data.byteOffset % 4 === 0 ? data : new Uint8Array(data);
}
