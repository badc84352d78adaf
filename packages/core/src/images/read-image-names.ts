import { readFile } from 'node:fs/promises';
import { SnapshotsError } from '../errors.js';

function splitNames(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * The full list of image names for a selective upload, given inline or in a file (one per line).
 * Names are trimmed and blank ones dropped, as `sentry-cli` 3.8.0 does; like it, the two exclude
 * each other. `undefined` when neither is given.
 */
export async function readImageNames(options: {
  names?: string[] | undefined;
  file?: string | undefined;
}): Promise<string[] | undefined> {
  if (options.names !== undefined && options.file !== undefined) {
    throw new SnapshotsError(
      'INVALID_OPTION',
      'The full list of image names was given both inline and in a file.',
      {
        option: 'allImageFileNamesFile',
        hint: 'Give the names either inline or in a file, not both.',
      },
    );
  }
  if (options.names !== undefined) return options.names;
  if (options.file === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(options.file, 'utf8');
  } catch (error) {
    throw new SnapshotsError(
      'NAMES_FILE_UNREADABLE',
      `Cannot read the image names file ${options.file} (${(error as NodeJS.ErrnoException).code ?? error}).`,
      {
        cause: error,
        option: 'allImageFileNamesFile',
        hint: 'Check the path of the names file.',
        details: { path: options.file },
      },
    );
  }
  return splitNames(text);
}
