import pixelmatch from 'pixelmatch';
import type { RgbaImage } from './rgba-image.js';

export interface PixelDiffOptions {
  /** Colour distance (0–1, YIQ) under which two pixels count as equal. */
  colorThreshold: number;
  /** Ignore pixels that differ only by anti-aliasing. */
  antialiasing: boolean;
}

export interface PixelDiff {
  changedPixels: number;
  /** Pixels of the compared area: the larger of both sizes when the layout changed. */
  totalPixels: number;
  layoutChanged: boolean;
  /** Changed pixels in red over transparency, the size of the compared area. */
  mask: RgbaImage;
}

const maskColor = [255, 0, 0, 255] as const;

/**
 * Counts the pixels that differ between two images. Images of different sizes are compared on
 * their overlap, and every pixel outside it counts as changed, so a grown screen reports how much
 * it grew (the measure sentry-cli gives).
 */
export function diffPixels(base: RgbaImage, head: RgbaImage, options: PixelDiffOptions): PixelDiff {
  const width = Math.max(base.width, head.width);
  const height = Math.max(base.height, head.height);
  const layoutChanged = base.width !== head.width || base.height !== head.height;
  const overlapWidth = Math.min(base.width, head.width);
  const overlapHeight = Math.min(base.height, head.height);
  const overlapMask = new Uint8Array(overlapWidth * overlapHeight * 4);
  const matchOptions = {
    threshold: options.colorThreshold,
    includeAA: !options.antialiasing,
    diffMask: true,
    diffColor: [maskColor[0], maskColor[1], maskColor[2]] as [number, number, number],
  };
  let changedPixels = pixelmatch(
    crop(base, overlapWidth, overlapHeight),
    crop(head, overlapWidth, overlapHeight),
    overlapMask,
    overlapWidth,
    overlapHeight,
    matchOptions,
  );
  if (!layoutChanged) {
    return {
      changedPixels,
      totalPixels: width * height,
      layoutChanged,
      mask: { width, height, data: overlapMask },
    };
  }
  const mask = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    if (y < overlapHeight) {
      mask.set(overlapMask.subarray(y * overlapWidth * 4, (y + 1) * overlapWidth * 4), y * width * 4);
    }
    const outsideFrom = y < overlapHeight ? overlapWidth : 0;
    for (let x = outsideFrom; x < width; x++) mask.set(maskColor, (y * width + x) * 4);
    changedPixels += width - outsideFrom;
  }
  return { changedPixels, totalPixels: width * height, layoutChanged, mask: { width, height, data: mask } };
}

/** The top-left `width × height` part of an image (the image itself when it already has that size). */
function crop(image: RgbaImage, width: number, height: number): Uint8Array {
  if (image.width === width && image.height === height) return image.data;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    out.set(image.data.subarray(y * image.width * 4, (y * image.width + width) * 4), y * width * 4);
  }
  return out;
}
