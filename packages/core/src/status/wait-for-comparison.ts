import { SnapshotsError } from '../errors.js';
import { explainAbort } from '../explain-abort.js';
import { createSentryClient } from '../http/index.js';
import { isComparisonSettled, type SnapshotDetail } from '../schemas/snapshot-detail.js';
import type { World } from '../world.js';

export interface WaitForComparisonOptions {
  url: string;
  authToken: string;
  headers?: Record<string, string> | undefined;
  org: string;
  artifactId: string;
  /** Give up after this long; the comparison goes on at Sentry. */
  timeoutMs: number;
  /** First pause between polls; it grows by half each time up to `maxIntervalMs`. */
  intervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  onPoll?: ((detail: SnapshotDetail) => void) | undefined;
}

/**
 * Polls the snapshot until its comparison ends (docs/sentry-api.md, "Comparison types and states"),
 * with a growing pause between polls. An abort of the world's signal stops it with `ABORTED`.
 */
export function waitForComparison(options: WaitForComparisonOptions, world: World): Promise<SnapshotDetail> {
  return explainAbort(
    world.signal,
    (cause) => {
      const id = options.artifactId;
      return new SnapshotsError(
        'ABORTED',
        `Waiting for the comparison of snapshot ${id} was interrupted; the comparison goes on at Sentry.`,
        {
          cause,
          details: { artifactId: id },
          hint: `Read it later by its snapshot id (${id}), or wait again: stopping changed nothing, so that is safe.`,
        },
      );
    },
    () => pollComparison(options, world),
  );
}

async function pollComparison(options: WaitForComparisonOptions, world: World): Promise<SnapshotDetail> {
  const client = createSentryClient(
    { url: options.url, authToken: options.authToken, headers: options.headers },
    world,
  );
  const deadline = world.clock.now() + options.timeoutMs;
  const maxInterval = options.maxIntervalMs ?? 10_000;
  let interval = options.intervalMs ?? 1_000;
  for (;;) {
    const detail = await client.getSnapshot(options.org, options.artifactId);
    options.onPoll?.(detail);
    if (isComparisonSettled(detail)) return detail;
    const remaining = deadline - world.clock.now();
    if (remaining <= 0) {
      throw new SnapshotsError(
        'WAIT_TIMEOUT',
        `The comparison of snapshot ${options.artifactId} did not finish within ${Math.round(options.timeoutMs / 1000)} s (state: ${detail.comparison_state ?? detail.comparison_type}).`,
        {
          option: 'waitTimeout',
          hint: `Wait longer, or read the comparison later by its snapshot id (${options.artifactId}): it goes on at Sentry.`,
          details: { artifactId: options.artifactId, comparisonState: detail.comparison_state },
        },
      );
    }
    await world.clock.sleep(Math.min(interval, remaining), world.signal);
    interval = Math.min(interval * 1.5, maxInterval);
  }
}
