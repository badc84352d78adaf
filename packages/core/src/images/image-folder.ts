import { SnapshotsError } from '../errors.js';

/** One folder of screenshots in an upload, its images named under `prefix` when one is given. */
export interface ImageFolder {
  path: string;
  /** `/`-separated, without a leading or trailing `/`; `app` names `home.png` as `app/home.png`. */
  prefix?: string | undefined;
}

/**
 * `dir` or `dir=prefix`, as the CLI and the action take a folder: the text after the last `=` is
 * the prefix, so a folder whose name holds `=` is written with a trailing `=` (`a=b=`).
 */
export function parseImageFolder(text: string): ImageFolder {
  const at = text.lastIndexOf('=');
  if (at < 0) return { path: text };
  const path = text.slice(0, at);
  if (path === '') {
    throw new SnapshotsError('INVALID_OPTION', `The folder "${text}" has a prefix but no path.`, {
      option: 'path',
      hint: 'Write a folder as DIR or DIR=PREFIX, e.g. app/build/outputs/roborazzi=app.',
    });
  }
  const prefix = normalizeImagePrefix(text.slice(at + 1), 'path');
  return prefix === undefined ? { path } : { path, prefix };
}

/**
 * A prefix as image names take it: trimmed of `/` at its ends; blank is none. A segment that is
 * empty, `.` or `..`, or a `\`, would give names no folder can hold, and is refused.
 */
export function normalizeImagePrefix(prefix: string, option: 'path' | 'prefix'): string | undefined {
  const trimmed = prefix.trim().replace(/^\/+|\/+$/g, '');
  if (trimmed === '') return undefined;
  const segments = trimmed.split('/');
  if (
    trimmed.includes('\\') ||
    segments.some((segment) => segment === '' || segment === '.' || segment === '..')
  ) {
    throw new SnapshotsError('INVALID_OPTION', `The name prefix "${prefix}" is not a relative name path.`, {
      option,
      hint: 'A prefix is one or more names joined by "/", e.g. app or feature/login, without ".", ".." or "\\".',
    });
  }
  return trimmed;
}

/** The image's name under the folder's prefix. */
export function prefixedName(prefix: string | undefined, key: string): string {
  return prefix === undefined ? key : `${prefix}/${key}`;
}
