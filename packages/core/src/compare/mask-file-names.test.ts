import { describe, expect, it } from 'vitest';
import { joinShownPath, maskFileNames } from './mask-file-names.js';

describe('maskFileNames', () => {
  it('names every mask as a PNG under the image name, as sentry-cli does', () => {
    const masks = maskFileNames(['screens/home.png', 'photo.jpg', 'shots.v2/menu.jpeg']);
    expect(Object.fromEntries(masks)).toEqual({
      'screens/home.png': 'screens/home.png',
      'photo.jpg': 'photo.png',
      'shots.v2/menu.jpeg': 'shots.v2/menu.png',
    });
  });

  it('lets a PNG keep its name when a JPEG of the same stem would clash, whatever the order', () => {
    for (const names of [
      ['a/b.jpg', 'a/b.png', 'a/b.jpeg'],
      ['a/b.png', 'a/b.jpeg', 'a/b.jpg'],
    ]) {
      const masks = maskFileNames(names);
      expect(masks.get('a/b.png')).toBe('a/b.png');
      expect(new Set(masks.values()).size).toBe(3);
      expect(masks.get('a/b.jpg')).toBe('a/b.jpg.png');
      expect(masks.get('a/b.jpeg')).toBe('a/b.jpeg.png');
    }
  });

  it('gives the first of two clashing JPEGs the plain name, the second keeps its extension', () => {
    expect(Object.fromEntries(maskFileNames(['a.jpg', 'a.jpeg']))).toEqual({
      'a.jpg': 'a.png',
      'a.jpeg': 'a.jpeg.png',
    });
  });
});

describe('joinShownPath', () => {
  it('joins the folder as the user wrote it', () => {
    expect(joinShownPath('./diff-output/', 'a/b.png')).toBe('./diff-output/a/b.png');
    expect(joinShownPath('masks', 'b.png')).toBe('masks/b.png');
  });
});
