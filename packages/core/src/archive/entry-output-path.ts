import { isAbsolute, relative, resolve } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { shownValue } from '../schemas/shown-value.js';

/**
 * Where a zip entry goes inside `outputDir`, or an `UNSAFE_ARCHIVE` error when its name could
 * write anywhere else: `..` segments, absolute paths, drive letters, backslashes (a separator
 * on Windows) or NUL bytes. The final containment check holds even if a rule above misses a case.
 */
export function entryOutputPath(outputDir: string, entryName: string): string {
  const refuse = (reason: string) =>
    new SnapshotsError(
      'UNSAFE_ARCHIVE',
      `The archive holds an entry that ${reason}: ${shownValue(entryName)}.`,
      {
        details: { entry: entryName },
        hint: 'Nothing was extracted. An archive from Sentry never holds such entries: check what answered instead of Sentry.',
      },
    );
  if (entryName === '' || entryName.includes('\0')) throw refuse('has an empty or invalid name');
  if (entryName.includes('\\')) throw refuse('uses a backslash, a path separator on Windows');
  if (entryName.startsWith('/') || /^[a-zA-Z]:/.test(entryName)) throw refuse('is an absolute path');
  if (entryName.split('/').includes('..')) throw refuse('climbs out of the output folder');
  const root = resolve(outputDir);
  const target = resolve(root, entryName);
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    throw refuse('points outside the output folder');
  }
  return target;
}
