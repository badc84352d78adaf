import { isSnapshotsError, SnapshotsError } from '@sentry-snapshots/core';

/**
 * What a command ended with after Ctrl-C, as the interrupt it is (exit 130): core's own account
 * of what stopped and what it left, or, from a step that has none, a general one.
 */
export function asInterruption(error: unknown): SnapshotsError {
  if (isSnapshotsError(error) && error.code === 'ABORTED') {
    return error.hint === undefined
      ? new SnapshotsError('ABORTED', error.message, {
          cause: error,
          details: error.details,
          hint: rerunHint,
        })
      : error;
  }
  return new SnapshotsError('ABORTED', 'Interrupted before the command finished.', {
    cause: error,
    hint: rerunHint,
  });
}

const rerunHint = 'Run the same command again to finish: stopping left nothing half-done.';

/** Ctrl-C that came as a command ended without failing: still an interrupt, though its work is done. */
export function interruptedAtEnd(): SnapshotsError {
  return new SnapshotsError('ABORTED', 'Interrupted as the command ended; what it printed is what it did.', {
    hint: 'Running it again is safe.',
  });
}
