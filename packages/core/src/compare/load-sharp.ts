import type sharpModule from 'sharp';

let loading: Promise<typeof sharpModule> | undefined;

/**
 * Loads libvips on first use: uploads, the SDK and the bundled action never compare pixels, so
 * they should neither pay its start-up nor need its native files.
 */
export function loadSharp(): Promise<typeof sharpModule> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
