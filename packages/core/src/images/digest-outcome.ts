import type { FileDigest } from './digest-file.js';
import type { ImageHead } from './image-head.js';

/** A file's digest, or why it could not be read: the error's message and fields (`code`, `errno`…). */
export type DigestOutcome =
  | { index: number; digest: FileDigest<ImageHead> }
  | { index: number; error: { message: string; fields: Record<string, unknown> } };

/** Reads one file with `digest`, catching its error as data that can cross to another thread. */
export function digestOutcome(
  digest: (path: string) => FileDigest<ImageHead>,
  path: string,
  index: number,
): DigestOutcome {
  try {
    return { index, digest: digest(path) };
  } catch (error) {
    return { index, error: { message: String((error as Error).message), fields: { ...(error as object) } } };
  }
}

/** The digest, or the file's error thrown again as it was. */
export function unwrapOutcome(outcome: DigestOutcome): FileDigest<ImageHead> {
  if ('digest' in outcome) return outcome.digest;
  throw Object.assign(new Error(outcome.error.message), outcome.error.fields);
}
