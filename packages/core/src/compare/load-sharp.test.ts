import { describe, expect, it } from 'vitest';
import { createSharpLoader, loadSharp } from './load-sharp.js';

describe('loadSharp', () => {
  it('says which package to install when sharp is missing, and tries again next time', async () => {
    const missing = Object.assign(new Error("Cannot find package 'sharp'"), { code: 'ERR_MODULE_NOT_FOUND' });
    let attempts = 0;
    const load = createSharpLoader(() => {
      attempts++;
      return attempts === 1 ? Promise.reject(missing) : import('sharp');
    });
    await expect(load()).rejects.toMatchObject({
      code: 'MISSING_DEPENDENCY',
      message: 'Comparing images needs the package sharp, which is not installed.',
      hint: expect.stringContaining('npm install --save-dev sharp'),
    });
    expect(await load()).toBe(await loadSharp());
    expect(attempts).toBe(2);
  });

  it('passes any other failure of loading it on as it is', async () => {
    const broken = new Error('libvips could not be loaded');
    await expect(createSharpLoader(() => Promise.reject(broken))()).rejects.toBe(broken);
  });
});
