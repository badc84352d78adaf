import { readFile } from 'node:fs/promises';
import { SnapshotsError } from '../errors.js';

function splitNames(text: string, separator: string | RegExp): string[] {
  return text
    .split(separator)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * The full list of image names for a selective upload, from `--all-image-file-names` (comma-separated)
 * or `--all-image-file-names-file` (one per line). Names are trimmed and blank ones dropped, as
 * `sentry-cli` 3.8.0 does; like it, the two options exclude each other. `undefined` when neither is given.
 */
export async function readImageNames(options: {
  names?: string;
  file?: string;
}): Promise<string[] | undefined> {
  if (options.names !== undefined && options.file !== undefined) {
    throw new SnapshotsError(
      'INVALID_OPTION',
      '--all-image-file-names cannot be used with --all-image-file-names-file.',
      { hint: 'Pass the names either inline or in a file, not both.' },
    );
  }
  if (options.names !== undefined) return splitNames(options.names, ',');
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
        hint: 'Check the path given to --all-image-file-names-file.',
        details: { path: options.file },
      },
    );
  }
  return splitNames(text, /\r?\n/);
}
