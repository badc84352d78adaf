import { isSnapshotsError, SnapshotsError } from '../errors.js';
import type { World } from '../world.js';

/**
 * Runs an upload step (an upload, a shard's, a finalize) under its time limit: past it every
 * request and read stops through the signal, and the step fails with `TIMEOUT`. An abort from
 * outside becomes one typed `ABORTED`. Whatever was stored stays stored, so a rerun finishes.
 */
export async function withUploadDeadline<T>(
  timeoutMs: number | undefined,
  world: World,
  run: (world: World) => Promise<T>,
): Promise<T> {
  const deadline = uploadDeadline(timeoutMs);
  const signal = deadline && (world.signal ? AbortSignal.any([world.signal, deadline]) : deadline);
  try {
    return await run(signal ? { ...world, signal } : world);
  } catch (error) {
    // The deadline stops every request and read through the signal; they report it as an abort.
    if (deadline?.aborted && !world.signal?.aborted) {
      throw new SnapshotsError(
        'TIMEOUT',
        `The upload did not finish within its time limit of ${(timeoutMs ?? 0) / 1000} s.`,
        {
          cause: error,
          details: { timeoutMs },
          option: 'uploadTimeout',
          hint: 'Objects already stored stay stored: running the upload again finishes it; a higher limit helps a large or slow upload.',
        },
      );
    }
    // Some steps (file reads, sleeps) reject with the signal's own reason: give callers one typed error.
    if (world.signal?.aborted && !isSnapshotsError(error)) {
      throw new SnapshotsError('ABORTED', 'The upload was aborted.', {
        cause: error,
        hint: 'Objects already stored stay stored: running the upload again finishes it.',
      });
    }
    throw error;
  }
}

function uploadDeadline(timeoutMs: number | undefined): AbortSignal | undefined {
  if (timeoutMs === undefined) return undefined;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new SnapshotsError(
      'INVALID_OPTION',
      `The upload time limit must be above 0 ms, not ${timeoutMs}.`,
      { option: 'uploadTimeout', hint: 'Give a positive duration, or leave it out for no limit.' },
    );
  }
  return AbortSignal.timeout(timeoutMs);
}
