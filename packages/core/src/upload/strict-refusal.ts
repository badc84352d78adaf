import { SnapshotsError } from '../errors.js';
import type { SkippedImage } from '../images/index.js';

/** Files named in the message before "and N more"; all of them are in the details. */
const NAMED_FILES = 5;
const MAX_DETAILED_FILES = 100;

const listed = (files: readonly SkippedImage[]) => {
  const named = files.slice(0, NAMED_FILES).map(({ key, reason }) => `${key} (${reason})`);
  const more = files.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
};

/**
 * With `strict`, an upload that would leave out an image or ignore a sidecar is refused before any
 * object is stored: a gate that passes with screenshots missing, or with a sidecar's
 * `diff_threshold` dropped, is not one to trust. `undefined` when nothing was left out.
 */
export function strictRefusal(
  path: string,
  skippedFiles: readonly SkippedImage[],
  ignoredSidecars: readonly SkippedImage[],
): SnapshotsError | undefined {
  if (skippedFiles.length === 0 && ignoredSidecars.length === 0) return undefined;
  const parts = [
    skippedFiles.length > 0
      ? `${count(skippedFiles.length, 'image')} would be skipped: ${listed(skippedFiles)}`
      : '',
    ignoredSidecars.length > 0
      ? `${count(ignoredSidecars.length, 'sidecar')} would be ignored: ${listed(ignoredSidecars)}`
      : '',
  ].filter(Boolean);
  return new SnapshotsError(
    skippedFiles.length > 0 ? 'IMAGE_UNREADABLE' : 'INVALID_MANIFEST',
    `Refusing to upload ${path}: ${parts.join('; ')}.`,
    {
      // No `option`: a frontend would start the hint with how to turn strict mode on.
      hint: 'Fix or remove the files named above (take a screenshot that is cut short or empty again, correct the sidecar JSON); nothing was uploaded. Without strict mode the rest would be uploaded with these warnings.',
      details: {
        path,
        skipped: skippedFiles.slice(0, MAX_DETAILED_FILES),
        skippedCount: skippedFiles.length,
        ignoredSidecars: ignoredSidecars.slice(0, MAX_DETAILED_FILES),
        ignoredSidecarCount: ignoredSidecars.length,
      },
    },
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
