import { loadSharp } from './load-sharp.js';
import type { RgbaImage } from './rgba-image.js';

/**
 * Encodes RGBA pixels as a PNG; libvips does it far faster than pngjs for a diff mask (measured in
 * the bench, bench/results/compare-latest.md).
 */
export async function encodePng(image: RgbaImage): Promise<Uint8Array> {
  const sharp = await loadSharp();
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png()
    .toBuffer();
}
