import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { prepareOutputFolder } from './prepare-output-folder.js';

const options = { shown: 'out', option: 'output' as const, clean: false };

describe('prepareOutputFolder', () => {
  it('takes a missing or empty folder, and one holding only what `keep` keeps', async () => {
    const root = await makeTempDir();
    await (await prepareOutputFolder(join(root, 'missing'), options)).clear();
    await mkdir(join(root, 'kept/.work-1'), { recursive: true });
    const kept = await prepareOutputFolder(join(root, 'kept'), {
      ...options,
      keep: (name) => name.startsWith('.work-'),
    });
    await kept.clear();
    expect(await readdir(join(root, 'kept'))).toEqual(['.work-1']);
  });

  it('refuses a folder with content, naming a few entries, and empties it only on clear()', async () => {
    const root = await makeTempDir();
    for (const name of ['d.png', 'c.png', 'b.png', 'a.png']) await writeFile(join(root, name), 'x');
    await mkdir(join(root, '.work-1'));
    await expect(prepareOutputFolder(root, options)).rejects.toMatchObject({
      code: 'OUTPUT_UNWRITABLE',
      option: 'clean',
      message:
        "The output folder out is not empty (.work-1, a.png, b.png, and 2 more): an earlier run's files would be mixed with this one's.",
    });
    const cleaning = await prepareOutputFolder(root, {
      ...options,
      clean: true,
      keep: (name) => name.startsWith('.work-'),
    });
    expect(await readdir(root)).toHaveLength(5);
    await cleaning.clear();
    expect(await readdir(root)).toEqual(['.work-1']);
  });

  it('says "is a file" for a file, also through a symbolic link', async () => {
    const root = await makeTempDir();
    await writeFile(join(root, 'file'), 'x');
    await symlink(join(root, 'file'), join(root, 'link'));
    for (const path of ['file', 'link']) {
      await expect(prepareOutputFolder(join(root, path), options)).rejects.toMatchObject({
        code: 'OUTPUT_UNWRITABLE',
        option: 'output',
        message: 'The output folder out is a file.',
      });
    }
  });

  it('never empties a folder that holds a protected one', async () => {
    const root = await makeTempDir();
    await mkdir(join(root, 'shots'));
    await writeFile(join(root, 'shots/a.png'), 'x');
    await expect(
      prepareOutputFolder(root, { ...options, clean: true, protect: [join(root, 'shots')] }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION', option: 'output' });
    await expect(
      prepareOutputFolder(join(root, 'shots'), { ...options, clean: true, protect: [join(root, 'shots')] }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    // A sibling whose name starts the same is not inside it.
    await mkdir(join(root, 'shots-out'));
    await writeFile(join(root, 'shots-out/old.png'), 'x');
    const sibling = await prepareOutputFolder(join(root, 'shots-out'), {
      ...options,
      clean: true,
      protect: [join(root, 'shots')],
    });
    await sibling.clear();
    expect(await readdir(join(root, 'shots-out'))).toEqual([]);
    expect(await readdir(join(root, 'shots'))).toEqual(['a.png']);
  });
});
