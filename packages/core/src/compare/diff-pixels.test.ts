import { describe, expect, it } from 'vitest';
import { diffPixels } from './diff-pixels.js';
import type { RgbaImage } from './rgba-image.js';

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

function setPixel(image: RgbaImage, x: number, y: number, rgba: [number, number, number, number]): void {
  image.data.set(rgba, (y * image.width + x) * 4);
}

function redPixels(mask: RgbaImage): string[] {
  const found: string[] = [];
  for (let i = 0; i < mask.width * mask.height; i++) {
    if (mask.data[i * 4] === 255 && mask.data[i * 4 + 3] === 255)
      found.push(`${i % mask.width},${Math.floor(i / mask.width)}`);
  }
  return found;
}

/** Black left of column 10, white from column 11, and column 10 in `edge` grey, as a rendered edge. */
function edgeImage(edge: number): RgbaImage {
  const image = solid(20, 20, [255, 255, 255, 255]);
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < 10; x++) setPixel(image, x, y, [0, 0, 0, 255]);
    setPixel(image, 10, y, [edge, edge, edge, 255]);
  }
  return image;
}

const options = { colorThreshold: 0.01, antialiasing: true };

describe('diffPixels', () => {
  it('counts changed pixels and marks exactly them in the mask', () => {
    const base = solid(10, 10, [200, 200, 200, 255]);
    const head = solid(10, 10, [200, 200, 200, 255]);
    setPixel(head, 2, 3, [0, 0, 255, 255]);
    setPixel(head, 7, 7, [0, 0, 255, 255]);
    const diff = diffPixels(base, head, options);
    expect(diff).toMatchObject({ changedPixels: 2, totalPixels: 100, layoutChanged: false });
    expect(redPixels(diff.mask)).toEqual(['2,3', '7,7']);
    expect(diff.mask.data[3]).toBe(0);
  });

  it('ignores colour differences below the threshold', () => {
    const base = solid(10, 10, [200, 200, 200, 255]);
    const head = solid(10, 10, [201, 200, 200, 255]);
    expect(diffPixels(base, head, options).changedPixels).toBe(0);
    expect(diffPixels(base, head, { ...options, colorThreshold: 0 }).changedPixels).toBe(100);
  });

  it('ignores anti-aliased edges unless told not to', () => {
    const base = edgeImage(90);
    const head = edgeImage(160);
    expect(diffPixels(base, head, options).changedPixels).toBe(0);
    expect(diffPixels(base, head, { ...options, antialiasing: false }).changedPixels).toBe(20);
  });

  it('compares a resized image on the overlap and counts every pixel outside it', () => {
    const base = solid(20, 20, [0, 0, 0, 255]);
    const head = solid(30, 20, [0, 0, 0, 255]);
    setPixel(head, 0, 0, [255, 255, 255, 255]);
    const diff = diffPixels(base, head, options);
    expect(diff).toMatchObject({ changedPixels: 201, totalPixels: 600, layoutChanged: true });
    expect(diff.mask).toMatchObject({ width: 30, height: 20 });
    const marked = redPixels(diff.mask);
    expect(marked).toHaveLength(201);
    expect(marked).toContain('0,0');
    expect(marked).toContain('29,19');
    expect(marked).not.toContain('19,19');
  });

  it('counts the corner outside both images when one grew wider and the other taller', () => {
    const diff = diffPixels(solid(4, 2, [0, 0, 0, 255]), solid(2, 4, [0, 0, 0, 255]), options);
    expect(diff).toMatchObject({ changedPixels: 12, totalPixels: 16, layoutChanged: true });
  });
});
