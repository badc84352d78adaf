import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writePng } from '@sentry-snapshots/test-kit/images';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { discoverImages } from './discover-images.js';

async function touch(root: string, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await mkdir(join(root, key, '..'), { recursive: true });
    await writeFile(join(root, key), 'x');
  }
}

async function keys(root: string): Promise<string[]> {
  return (await discoverImages(root)).images.map((image) => image.key);
}

describe('discoverImages', () => {
  it('walks nested folders and returns sorted, /-separated keys with extensions and absolute paths', async () => {
    const root = await makeTempDir();
    await touch(root, 'z.png', 'a/b/c/deep.png', 'a/top.jpg', 'm/photo.jpeg');
    await writePng(join(root, 'real.png'), { width: 2, height: 2, fill: [0, 0, 0, 255] });
    const { images, warnings } = await discoverImages(root);
    expect(images).toEqual([
      { key: 'a/b/c/deep.png', path: join(root, 'a/b/c/deep.png') },
      { key: 'a/top.jpg', path: join(root, 'a/top.jpg') },
      { key: 'm/photo.jpeg', path: join(root, 'm/photo.jpeg') },
      { key: 'real.png', path: join(root, 'real.png') },
      { key: 'z.png', path: join(root, 'z.png') },
    ]);
    expect(warnings).toEqual([]);
  });

  it('takes png, jpg and jpeg in any case and nothing else', async () => {
    const root = await makeTempDir();
    await touch(
      root,
      'a.PNG',
      'b.Jpg',
      'c.JPEG',
      'd.gif',
      'e.webp',
      'f.txt',
      'g.json',
      'png',
      'h.png.bak',
      'i.pngx',
    );
    expect(await keys(root)).toEqual(['a.PNG', 'b.Jpg', 'c.JPEG']);
  });

  it('skips every file and folder whose name starts with a dot', async () => {
    const root = await makeTempDir();
    await touch(root, '.hidden.png', '.git/x.png', 'a/.cache/y.png', 'a/.z.jpg', 'a/ok.png', 'a.b/fine.png');
    expect(await keys(root)).toEqual(['a.b/fine.png', 'a/ok.png']);
  });

  it('follows symbolic links to folders and files, keyed by the path through the link', async () => {
    const root = await makeTempDir();
    const outside = await makeTempDir();
    await touch(outside, 'shared/one.png', 'single.png');
    await touch(root, 'own.png');
    await symlink(join(outside, 'shared'), join(root, 'linked'));
    await symlink(join(outside, 'single.png'), join(root, 'alias.png'));
    const { images } = await discoverImages(root);
    expect(images).toEqual([
      { key: 'alias.png', path: join(root, 'alias.png') },
      { key: 'linked/one.png', path: join(root, 'linked/one.png') },
      { key: 'own.png', path: join(root, 'own.png') },
    ]);
  });

  it('follows a symbolic link given as the root itself', async () => {
    const real = await makeTempDir();
    const links = await makeTempDir();
    await touch(real, 'a.png');
    await symlink(real, join(links, 'root'));
    expect(await keys(join(links, 'root'))).toEqual(['a.png']);
  });

  it('skips a symbolic link that loops back to an ancestor, with a warning', async () => {
    const root = await makeTempDir();
    await touch(root, 'a/b/x.png');
    await symlink(root, join(root, 'a/b/to-root'));
    await symlink(join(root, 'a'), join(root, 'a/b/to-parent'));
    const { images, warnings } = await discoverImages(root);
    expect(images.map((image) => image.key)).toEqual(['a/b/x.png']);
    expect(warnings).toEqual([
      'Skipped a/b/to-parent: the symbolic link points to a folder that contains it (a loop).',
      'Skipped a/b/to-root: the symbolic link points to a folder that contains it (a loop).',
    ]);
  });

  it('stops on a loop made of two links pointing at each other’s folders', async () => {
    const root = await makeTempDir();
    await touch(root, 'p/p.png', 'q/q.png');
    await symlink(join(root, 'q'), join(root, 'p/to-q'));
    await symlink(join(root, 'p'), join(root, 'q/to-p'));
    const { images, warnings } = await discoverImages(root);
    expect(images.map((image) => image.key)).toEqual(['p/p.png', 'p/to-q/q.png', 'q/q.png', 'q/to-p/p.png']);
    expect(warnings).toHaveLength(2);
  });

  it('warns about a broken symbolic link and goes on', async () => {
    const root = await makeTempDir();
    await touch(root, 'ok.png');
    await symlink(join(root, 'missing.png'), join(root, 'broken.png'));
    const { images, warnings } = await discoverImages(root);
    expect(images.map((image) => image.key)).toEqual(['ok.png']);
    expect(warnings).toEqual(['Skipped broken.png: cannot follow the symbolic link (ENOENT).']);
  });

  it('finds the sidecar beside an image, whatever the image extension case', async () => {
    const root = await makeTempDir();
    await touch(root, 'a/b.png', 'a/b.json', 'a/C.JPG', 'a/C.json', 'a/d.png', 'a/d.JSON');
    const { images } = await discoverImages(root);
    expect(images).toEqual([
      { key: 'a/C.JPG', path: join(root, 'a/C.JPG'), sidecarPath: join(root, 'a/C.json') },
      { key: 'a/b.png', path: join(root, 'a/b.png'), sidecarPath: join(root, 'a/b.json') },
      { key: 'a/d.png', path: join(root, 'a/d.png') },
    ]);
  });

  it('warns about keys that differ only in case', async () => {
    const root = await makeTempDir();
    await touch(root, 'Home.png', 'home.png', 'other.png');
    const { images, warnings } = await discoverImages(root);
    expect(images).toHaveLength(3);
    expect(warnings).toEqual([
      'Image names Home.png, home.png differ only in case: they collide on case-insensitive file systems.',
    ]);
  });

  it('skips images and folders whose names are not UTF-8, naming each with its bad bytes escaped', async () => {
    const root = await makeTempDir();
    await touch(root, 'ok.png', 'a/fine.png', 'real-\ufffd.png');
    // Names the file system holds but no string can: only Buffer paths create them.
    const bytesPath = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
    writeFileSync(bytesPath(root, '/', [0xff, 0x61], '.png'), 'x');
    writeFileSync(bytesPath(root, '/a/', [0xc3], 'x.JPG'), 'x');
    writeFileSync(bytesPath(root, '/a/', [0xfe], '.txt'), 'x');
    writeFileSync(bytesPath(root, '/', [0x2e, 0xff], '.png'), 'x');
    mkdirSync(bytesPath(root, '/dir-', [0xff]));
    writeFileSync(bytesPath(root, '/dir-', [0xff], '/inside.png'), 'x');
    symlinkSync(join(root, 'a'), bytesPath(root, '/link-', [0x80]));
    const { images, skipped, warnings } = await discoverImages(root);
    expect(images.map((image) => image.key)).toEqual(['a/fine.png', 'ok.png', 'real-\ufffd.png']);
    const badName = 'the file name is not valid UTF-8, so the image cannot be named';
    const badFolder = 'the folder name is not valid UTF-8, so its images cannot be named';
    expect(skipped).toEqual([
      { key: '\\xffa.png', reason: badName },
      { key: 'a/\\xc3x.JPG', reason: badName },
      { key: 'dir-\\xff/', reason: badFolder },
      { key: 'link-\\x80/', reason: badFolder },
    ]);
    expect(warnings).toContain(`Skipped \\xffa.png: ${badName}.`);
  });

  it('returns nothing for an empty folder', async () => {
    expect(await discoverImages(await makeTempDir())).toEqual({ images: [], skipped: [], warnings: [] });
  });

  it('refuses a root that does not exist or is a file with PATH_NOT_FOUND and a hint', async () => {
    const root = await makeTempDir();
    await touch(root, 'file.png');
    for (const path of [join(root, 'nope'), join(root, 'file.png')]) {
      const error = await discoverImages(path).catch((caught: unknown) => caught);
      expect(isSnapshotsError(error) && error.code).toBe('PATH_NOT_FOUND');
      expect((error as Error).message).toContain(path);
      expect(isSnapshotsError(error) && error.hint).toBeTruthy();
    }
  });

  it('stops when the signal is aborted', async () => {
    const root = await makeTempDir();
    await touch(root, 'a.png');
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(discoverImages(root, { signal: controller.signal })).rejects.toThrow('stop');
  });
});
