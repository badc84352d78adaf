import { resolve } from 'node:path';
import { decodeOptions, optionTable, readImageNames, type World } from '@sentry-snapshots/core';

export interface UploadInputOptions {
  uploadTimeoutMs?: number | undefined;
  allImageFileNames?: string[] | undefined;
  allImageFileNamesFile?: string | undefined;
}

/**
 * What an upload and a finalize read alike: the time limit (the option, else its env variable) and
 * the full names list of a selective snapshot (given, or read from a file relative to `cwd`).
 */
export async function resolveUploadInputs(
  options: UploadInputOptions,
  world: Pick<World, 'env' | 'cwd'>,
): Promise<{ uploadTimeoutMs: number | undefined; allImageFileNames: string[] | undefined }> {
  const uploadTimeoutMs =
    options.uploadTimeoutMs ??
    decodeOptions(['uploadTimeout'], { uploadTimeout: world.env[optionTable.uploadTimeout.env] })
      .uploadTimeout;
  const allImageFileNames = await readImageNames({
    names: options.allImageFileNames,
    file: options.allImageFileNamesFile && resolve(world.cwd, options.allImageFileNamesFile),
  });
  return { uploadTimeoutMs, allImageFileNames };
}
