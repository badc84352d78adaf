import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir } from '@sentry-snapshots/test-kit/temp-dir';
import { describe, expect, it } from 'vitest';
import { isSnapshotsError } from '../errors.js';
import { readImageNames } from './read-image-names.js';

describe('readImageNames', () => {
  it('answers undefined when neither option is given', async () => {
    expect(await readImageNames({})).toBeUndefined();
  });

  it('takes a list given inline as it is', async () => {
    expect(await readImageNames({ names: ['a.png', 'b/c.png'] })).toEqual(['a.png', 'b/c.png']);
  });

  it('reads one name per line, ignoring blank lines, surrounding whitespace and CRLF', async () => {
    const file = join(await makeTempDir(), 'names.txt');
    await writeFile(file, '  a.png  \r\n\n\tb/c.png\n   \nwith space.png\n');
    expect(await readImageNames({ file })).toEqual(['a.png', 'b/c.png', 'with space.png']);
  });

  it('fails with NAMES_FILE_UNREADABLE naming the file when it cannot be read', async () => {
    const file = join(await makeTempDir(), 'missing.txt');
    const error = await readImageNames({ file }).catch((caught: unknown) => caught);
    expect(isSnapshotsError(error) && error.code).toBe('NAMES_FILE_UNREADABLE');
    expect((error as Error).message).toContain(file);
  });

  it('refuses both options together, as sentry-cli 3.8.0 does', async () => {
    const file = join(await makeTempDir(), 'names.txt');
    await writeFile(file, 'a.png\n');
    const error = await readImageNames({ names: ['a.png'], file }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', option: 'allImageFileNamesFile' });
    expect((error as Error).message).toBe(
      'The full list of image names was given both inline and in a file.',
    );
  });
});
