import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeJpeg, encodePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import type { SnapshotComparison } from '../compare/snapshot-comparison.js';
import { writeReport } from './write-report.js';

const images = {
  base: encodePng({ width: 8, height: 8, seed: 1 }),
  head: encodePng({ width: 8, height: 8, seed: 2 }),
  mask: encodePng({ width: 8, height: 8, fill: [255, 0, 0, 255] }),
  added: encodeJpeg({ width: 8, height: 8, seed: 3 }),
};

const image = (name: string, key: string) => ({ key, image_file_name: name, width: 8, height: 8 });
const comparison: SnapshotComparison = {
  changed: [
    {
      base_image: image('home.png', 'hash-base'),
      head_image: image('home.png', 'hash-head'),
      diff: 0.5,
      diff_image_key: 'masks/home.png',
    },
  ],
  changed_count: 1,
  added: [image('new.jpg', 'hash-added')],
  added_count: 1,
  removed: [],
  removed_count: 0,
  renamed: [],
  renamed_count: 0,
  errored: [
    {
      base_image: image('broken.png', 'a'),
      head_image: image('broken.png', 'b'),
      error_message: 'Cannot decode',
    },
  ],
  errored_count: 1,
  unchanged: [],
  unchanged_count: 7,
  skipped: [],
  skipped_count: 0,
};

const options = {
  comparison,
  loadImage: async (side: 'base' | 'head', name: string) =>
    name === 'new.jpg' ? images.added : side === 'base' ? images.base : images.head,
  loadDiffMask: async (key: string) => {
    expect(key).toBe('masks/home.png');
    return images.mask;
  },
};

describe('writeReport', () => {
  it('inlines the images of a small comparison as data URLs', async () => {
    const dir = await makeTempDir();
    const written = await writeReport({ cwd: dir }, { ...options, path: 'out/report.html' });
    expect(written).toEqual({ path: join(dir, 'out/report.html'), entries: 3 });
    const html = await readFile(written.path, 'utf8');
    expect(html).toContain(`src="data:image/png;base64,${images.head.toString('base64')}"`);
    expect(html).toContain(`src="data:image/png;base64,${images.mask.toString('base64')}"`);
    expect(html).toContain(`src="data:image/jpeg;base64,${images.added.toString('base64')}"`);
    expect(html).toContain('Cannot decode');
    expect(html).toContain('7 unchanged');
    expect(await readdir(join(dir, 'out'))).toEqual(['report.html']);
  });

  it('moves every image to a folder beside the page once they outgrow the inline budget', async () => {
    const dir = await makeTempDir();
    const written = await writeReport({ cwd: dir }, { ...options, path: 'report.html', maxInlineBytes: 100 });
    expect(written.assetsDir).toBe(join(dir, 'report-assets'));
    const html = await readFile(written.path, 'utf8');
    expect(html).not.toContain('data:image');
    expect(html).toContain('src="report-assets/hash-head.png"');
    expect(html).toContain('src="report-assets/hash-added.jpg"');
    const files = (await readdir(written.assetsDir!)).sort();
    expect(files).toEqual(['diff-1.png', 'hash-added.jpg', 'hash-base.png', 'hash-head.png']);
    expect(await readFile(join(written.assetsDir!, 'hash-base.png'))).toEqual(images.base);
  });
});
