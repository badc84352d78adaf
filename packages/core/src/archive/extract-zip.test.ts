import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildZip, type FixtureEntry } from '@sentry-snapshots/test-kit/zip-fixture';
import { afterEach, describe, expect, it } from 'vitest';
import { extractZip } from './extract-zip.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'extract-zip-'));
  dirs.push(dir);
  return dir;
}

/** A zip written to disk, and an output folder inside a parent that tests check stays clean. */
async function setUp(entries: FixtureEntry[]) {
  const dir = await scratch();
  const zipPath = join(dir, 'archive.zip');
  await writeFile(zipPath, buildZip(entries));
  return { dir, zipPath, output: join(dir, 'parent', 'out') };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

async function failure(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

describe('extractZip', () => {
  it('writes every file byte for byte under its relative path, stored or deflated', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3, 255]);
    const big = Buffer.alloc(300_000, 7);
    const { zipPath, output } = await setUp([
      { name: 'home.png', data: png },
      { name: 'settings/', data: '' },
      { name: 'settings/profile.png', data: big, deflate: true },
      { name: 'deep/er/é ü.jpg', data: 'jpeg bytes' },
    ]);
    const result = await extractZip(zipPath, output);
    expect(result.files).toEqual(['home.png', 'settings/profile.png', 'deep/er/é ü.jpg']);
    expect(result.bytes).toBe(png.byteLength + big.byteLength + 'jpeg bytes'.length);
    expect(await readFile(join(output, 'home.png'))).toEqual(png);
    expect(await readFile(join(output, 'settings/profile.png'))).toEqual(big);
    expect(await readFile(join(output, 'deep/er/é ü.jpg'), 'utf8')).toBe('jpeg bytes');
  });

  it('overwrites a file already in the output folder', async () => {
    const { zipPath, output } = await setUp([{ name: 'a.png', data: 'new' }]);
    await mkdir(output, { recursive: true });
    await writeFile(join(output, 'a.png'), 'old and longer');
    await extractZip(zipPath, output);
    expect(await readFile(join(output, 'a.png'), 'utf8')).toBe('new');
  });

  it.each([
    ['a parent path', '../evil.png'],
    ['a nested parent path', 'ok/../../evil.png'],
    ['an absolute path', '/tmp/evil.png'],
    ['a drive letter', 'C:/evil.png'],
    ['a backslash path', '..\\evil.png'],
  ])('refuses %s and writes nothing at all', async (_label, name) => {
    const { dir, zipPath, output } = await setUp([
      { name: 'first.png', data: 'fine' },
      { name, data: 'evil' },
    ]);
    expect(await failure(extractZip(zipPath, output))).toMatchObject({ code: 'UNSAFE_ARCHIVE' });
    expect(await listFiles(join(dir, 'parent'))).toEqual([]);
    expect(await listFiles(dir)).toEqual(['archive.zip']);
  });

  it('refuses a symbolic link entry', async () => {
    const { dir, zipPath, output } = await setUp([
      { name: 'link', data: '/etc', unixMode: 0o120777 },
      { name: 'link/passwd', data: 'evil' },
    ]);
    expect(await failure(extractZip(zipPath, output))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: expect.stringContaining('symbolic link'),
    });
    expect(await listFiles(join(dir, 'parent'))).toEqual([]);
  });

  it.each([
    ['a symbolic link', { name: '\u001b]0;owned\u0007link', data: '/etc', unixMode: 0o120777 }],
    ['a climbing name', { name: '../\u001b[2J\u009b2Jevil.png', data: 'evil' }],
    ['a bad CRC-32', { name: '\u001b[31mred.png', data: 'red', crc: 1 }],
  ])('names the entry of %s without a raw control character', async (_label, entry) => {
    const { zipPath, output } = await setUp([entry]);
    const { message } = await failure(extractZip(zipPath, output));
    expect(message).toMatch(/\\u001b/);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is that none are left
    expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('does not follow a symbolic link already in the output folder', async () => {
    const { dir, zipPath, output } = await setUp([
      { name: 'escape/evil.png', data: 'evil' },
      { name: 'file-link.png', data: 'evil' },
    ]);
    const outside = join(dir, 'outside');
    await mkdir(outside);
    await writeFile(join(outside, 'target.png'), 'keep');
    await mkdir(output, { recursive: true });
    await symlink(outside, join(output, 'escape'));
    expect(await failure(extractZip(zipPath, output))).toMatchObject({ code: 'UNSAFE_ARCHIVE' });
    expect(await listFiles(outside)).toEqual(['target.png']);

    const second = await setUp([{ name: 'file-link.png', data: 'evil' }]);
    await mkdir(second.output, { recursive: true });
    await symlink(join(outside, 'target.png'), join(second.output, 'file-link.png'));
    expect(await failure(extractZip(second.zipPath, second.output))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: expect.stringContaining('over a symbolic link'),
    });
    expect(await readFile(join(outside, 'target.png'), 'utf8')).toBe('keep');
  });

  it.each([
    [
      'a file, then a folder of the same name',
      [
        { name: 'x', data: 'file' },
        { name: 'x/y.png', data: 'png' },
      ],
    ],
    [
      'a folder, then a file of the same name',
      [
        { name: 'x/y.png', data: 'png' },
        { name: 'x', data: 'file' },
      ],
    ],
    [
      'a folder entry and a file of the same name',
      [
        { name: 'x/', data: '' },
        { name: 'x', data: 'file' },
      ],
    ],
    [
      'a file inside a deeper folder',
      [
        { name: 'x', data: 'file' },
        { name: 'x/y/z.png', data: 'png' },
      ],
    ],
  ])('refuses %s before writing any', async (_label, entries) => {
    // Many entries before them, so the two would be written at once by the worker pool.
    const filler = Array.from({ length: 8 }, (_, i) => ({ name: `${i}.png`, data: 'x' }));
    const { zipPath, output } = await setUp([...filler, ...entries]);
    expect(await failure(extractZip(zipPath, output, { concurrency: 4 }))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: 'The archive holds both a file and a folder named "x".',
    });
    expect(await listFiles(join(output, '..'))).toEqual([]);
  });

  it('says why a file cannot be written where a folder already is, and keeps the folder', async () => {
    const { zipPath, output } = await setUp([{ name: 'x', data: 'file' }]);
    await mkdir(join(output, 'x'), { recursive: true });
    await writeFile(join(output, 'x', 'keep.png'), 'keep');
    expect(await failure(extractZip(zipPath, output))).toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      message: expect.stringContaining('(EISDIR)'),
    });
    expect(await readFile(join(output, 'x', 'keep.png'), 'utf8')).toBe('keep');
  });

  it('refuses more entries than the limit before writing any', async () => {
    const entries = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.png`, data: 'x' }));
    const { zipPath, output } = await setUp(entries);
    expect(await failure(extractZip(zipPath, output, { maxEntries: 10 }))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      details: { entries: 11, maxEntries: 10 },
    });
    expect(await listFiles(output)).toEqual([]);
    await expect(extractZip(zipPath, output, { maxEntries: 11 })).resolves.toMatchObject({ bytes: 11 });
  });

  it('refuses a zip bomb by its declared size before writing any', async () => {
    // 8 MiB of zeros deflate to about 8 KiB: the ratio of a bomb, at a size a test can afford.
    const zeros = Buffer.alloc(8 * 1024 ** 2);
    const { zipPath, output } = await setUp([
      { name: 'a.png', data: zeros, deflate: true },
      { name: 'b.png', data: zeros, deflate: true },
    ]);
    expect(await failure(extractZip(zipPath, output, { maxTotalBytes: 10 * 1024 ** 2 }))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: expect.stringContaining('unpacks to more than'),
    });
    expect(await listFiles(output)).toEqual([]);
  });

  it('stops an entry that holds more bytes than it declares, and removes what it wrote', async () => {
    const { zipPath, output } = await setUp([
      { name: 'liar.png', data: Buffer.alloc(1024 ** 2, 1), deflate: true, declaredSize: 100 },
    ]);
    expect(await failure(extractZip(zipPath, output, { maxTotalBytes: 1000 }))).toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: expect.stringContaining('than its header declares'),
    });
    expect(await listFiles(output)).toEqual([]);
  });

  it('refuses a file whose bytes do not match their CRC-32, and removes it', async () => {
    const { zipPath, output } = await setUp([
      { name: 'fine.png', data: 'fine' },
      { name: 'flipped.png', data: 'flipped bits', crc: 12345 },
    ]);
    expect(await failure(extractZip(zipPath, output))).toMatchObject({
      code: 'INVALID_RESPONSE',
      message: expect.stringContaining('the data of "flipped.png" does not match its CRC-32'),
    });
    expect(await listFiles(output)).toEqual(['fine.png']);
  });

  it('keeps the last of two entries with the same name, as sequential extraction would', async () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({ name: `${i}.png`, data: `file ${i}` }));
    const { zipPath, output } = await setUp([
      { name: 'twice.png', data: 'first and much longer than the second' },
      ...entries,
      { name: 'twice.png', data: 'second' },
    ]);
    const result = await extractZip(zipPath, output, { concurrency: 4 });
    expect(result.files).toEqual([...entries.map((entry) => entry.name), 'twice.png']);
    expect(await readFile(join(output, 'twice.png'), 'utf8')).toBe('second');
    for (const entry of entries) expect(await readFile(join(output, entry.name), 'utf8')).toBe(entry.data);
  });

  it('answers INVALID_RESPONSE for a file that is not a zip', async () => {
    const dir = await scratch();
    await writeFile(join(dir, 'page.zip'), '<html>proxy login</html>');
    expect(await failure(extractZip(join(dir, 'page.zip'), join(dir, 'out')))).toMatchObject({
      code: 'INVALID_RESPONSE',
    });
  });
});
