import { decodeImage } from './decode-image.js';
import { diffPixels } from './diff-pixels.js';
import { encodePng } from './encode-png.js';

export interface ImageComparisonOptions {
  /** Colour distance (0–1) under which two pixels count as equal; default 0.01, as sentry-cli. */
  colorThreshold?: number;
  /** Ignore differences that are only anti-aliasing; default true. */
  antialiasing?: boolean;
  /** Fraction of changed pixels (0 ≤ x < 1) an image may have and still count as unchanged; default 0. */
  diffThreshold?: number;
  /** Encode the diff mask of a changed image; default true. */
  mask?: boolean;
}

export type ImageComparison =
  | { status: 'unchanged'; reason: 'identical-bytes' }
  | {
      status: 'changed' | 'unchanged';
      reason: 'pixels' | 'layout';
      changedPixels: number;
      totalPixels: number;
      /** `changedPixels / totalPixels`. */
      fraction: number;
      base: { width: number; height: number };
      head: { width: number; height: number };
      /** PNG of the changed pixels, present for a changed image unless `mask: false`. */
      mask?: Uint8Array;
    };

export const defaultColorThreshold = 0.01;

/**
 * Compares two encoded images (PNG or JPEG). Identical bytes are unchanged without decoding; a
 * change of size always counts as changed; otherwise the image changed when its fraction of
 * changed pixels exceeds `diffThreshold`.
 */
export async function compareImages(
  baseBytes: Uint8Array,
  headBytes: Uint8Array,
  options: ImageComparisonOptions = {},
): Promise<ImageComparison> {
  if (Buffer.compare(baseBytes, headBytes) === 0) return { status: 'unchanged', reason: 'identical-bytes' };
  const [base, head] = await Promise.all([decodeImage(baseBytes), decodeImage(headBytes)]);
  const diff = diffPixels(base, head, {
    colorThreshold: options.colorThreshold ?? defaultColorThreshold,
    antialiasing: options.antialiasing ?? true,
  });
  const fraction = diff.totalPixels === 0 ? 0 : diff.changedPixels / diff.totalPixels;
  const changed = diff.layoutChanged || fraction > (options.diffThreshold ?? 0);
  const mask = changed && options.mask !== false ? await encodePng(diff.mask) : undefined;
  return {
    status: changed ? 'changed' : 'unchanged',
    reason: diff.layoutChanged ? 'layout' : 'pixels',
    changedPixels: diff.changedPixels,
    totalPixels: diff.totalPixels,
    fraction,
    base: { width: base.width, height: base.height },
    head: { width: head.width, height: head.height },
    ...(mask === undefined ? {} : { mask }),
  };
}
