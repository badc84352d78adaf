import type { SnapshotsError } from './errors.js';

/**
 * Runs `work`; once `signal` has aborted, whatever it throws (the signal's own reason from a
 * sleep or a stream, a request's ABORTED, a read cut short) becomes the one ABORTED error that
 * `explain` builds: what was interrupted, what it left behind, and that running it again is safe.
 */
export async function explainAbort<T>(
  signal: AbortSignal | undefined,
  explain: (cause: unknown) => SnapshotsError,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw signal?.aborted ? explain(error) : error;
  }
}
