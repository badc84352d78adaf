import type sharpModule from 'sharp';
import { SnapshotsError } from '../errors.js';

type Sharp = typeof sharpModule;

/** A loader that imports sharp once, on first use, and again after a failed attempt. */
export function createSharpLoader(load: () => Promise<{ default: Sharp }>): () => Promise<Sharp> {
  let loading: Promise<Sharp> | undefined;
  return () => {
    loading ??= load().then(
      (module) => module.default,
      (error: unknown) => {
        loading = undefined;
        throw missingSharp(error);
      },
    );
    return loading;
  };
}

/**
 * Loads libvips on first use: uploads, the SDK and the bundled action never compare pixels, so
 * they neither pay its start-up nor need its native files, and sharp is an optional peer
 * dependency that only comparing folders asks for.
 */
export const loadSharp = createSharpLoader(() => import('sharp'));

function missingSharp(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return error;
  return new SnapshotsError(
    'MISSING_DEPENDENCY',
    'Comparing images needs the package sharp, which is not installed.',
    {
      cause: error,
      hint: 'Install it beside this one: npm install --save-dev sharp (uploads do not need it).',
      details: { package: 'sharp' },
    },
  );
}
