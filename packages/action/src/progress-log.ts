import type { Clock, Logger, ProgressListener, UploadPhase } from '@sentry-snapshots/core';

/** A CI log is read after the fact: one line per finished phase, and one every few seconds in between. */
const intervalMs = 5000;

export function createProgressLog(logger: Logger, clock: Clock): ProgressListener {
  const finished = new Set<UploadPhase>();
  let lastLine = clock.now();
  return ({ phase, done, total, bytes }) => {
    const complete = done >= total;
    if (finished.has(phase) || (!complete && clock.now() - lastLine < intervalMs)) return;
    if (complete) finished.add(phase);
    lastLine = clock.now();
    const size = bytes > 0 ? `, ${(bytes / 1024 / 1024).toFixed(1)} MiB` : '';
    logger.info(`${phase}: ${done}/${total}${complete ? ' done' : ''}${size}`);
  };
}
