import { SnapshotsError } from '../errors.js';
import type { SkippedImage } from '../images/index.js';

/** Skipped images (and folders) named in the message before "and N more"; each is also a warning. */
const NAMED_SKIPS = 5;

/**
 * No image to upload: when some were found but every one was skipped, the message says which and
 * why, since a folder of screenshots that all fail the same way is the likelier mistake.
 */
export function noImagesError(
  path: string,
  skipped: readonly SkippedImage[],
  purpose: 'upload' | 'compare' = 'upload',
): SnapshotsError {
  const hint =
    'Check the path; images are *.png, *.jpg and *.jpeg files, and names starting with "." are skipped.';
  if (skipped.length === 0) {
    return new SnapshotsError('NO_IMAGES', `No PNG or JPEG images were found in ${path}.`, { hint });
  }
  const named = skipped.slice(0, NAMED_SKIPS).map(({ key, reason }) => `${key} (${reason})`);
  const more = skipped.length - named.length;
  const list = more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
  return new SnapshotsError(
    'NO_IMAGES',
    `No PNG or JPEG images to ${purpose} in ${path}: ${skipped.length} ${skipped.length === 1 ? 'was' : 'were'} skipped: ${list}.`,
    {
      hint: 'Fix or remove the files named above; images must be PNG or JPEG files with readable headers and UTF-8 names.',
      details: { path, skipped: skipped.slice(0, 100), skippedCount: skipped.length },
    },
  );
}
