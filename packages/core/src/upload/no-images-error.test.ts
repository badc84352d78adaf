import { describe, expect, it } from 'vitest';
import { noImagesError } from './no-images-error.js';

describe('noImagesError', () => {
  it('says nothing was found when nothing was skipped', () => {
    const error = noImagesError('shots', []);
    expect(error.code).toBe('NO_IMAGES');
    expect(error.message).toBe('No PNG or JPEG images were found in shots.');
  });

  it('names the first skipped images and their reasons, then how many more', () => {
    const skipped = Array.from({ length: 7 }, (_, index) => ({ key: `s${index}.png`, reason: 'bad header' }));
    const error = noImagesError('shots', skipped);
    expect(error.message).toBe(
      'No PNG or JPEG images to upload in shots: 7 were skipped: s0.png (bad header); s1.png (bad header); s2.png (bad header); s3.png (bad header); s4.png (bad header); and 2 more.',
    );
    expect(error.details).toMatchObject({ skippedCount: 7 });
    expect(noImagesError('shots', skipped.slice(0, 1)).message).toBe(
      'No PNG or JPEG images to upload in shots: 1 was skipped: s0.png (bad header).',
    );
  });
});
