import { SnapshotsError } from '../errors.js';
import { explainAbort } from '../explain-abort.js';
import { createSentryClient } from '../http/index.js';
import { isComparisonSettled, type SnapshotDetail } from '../schemas/snapshot-detail.js';
import type { World } from '../world.js';
import { makeBaseHint, missingBase } from './judge-comparison.js';
import { summarizeComparison } from './summarize-comparison.js';

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
  /** Also stop once the comparison waits for its base (when a missing base fails the run anyway). */
  stopWhenWaitingForBase?: boolean | undefined;
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
    if (options.stopWhenWaitingForBase && detail.comparison_state === 'waiting_for_base') return detail;
    const remaining = deadline - world.clock.now();
    if (remaining <= 0) throw waitTimeout(options, detail);
    await world.clock.sleep(Math.min(interval, remaining), world.signal);
    interval = Math.min(interval * 1.5, maxInterval);
  }
}

/** What a wait that ran out says: a base that never arrived is named, with how one is made. */
function waitTimeout(options: WaitForComparisonOptions, detail: SnapshotDetail): SnapshotsError {
  const state = detail.comparison_state ?? detail.comparison_type;
  const summary = summarizeComparison(detail);
  const waitingForBase = state === 'waiting_for_base';
  const seconds = Math.round(options.timeoutMs / 1000);
  return new SnapshotsError(
    'WAIT_TIMEOUT',
    `The comparison of snapshot ${options.artifactId} did not finish within ${seconds} s (state: ${state}).${
      waitingForBase ? ` ${missingBase(summary.base)} yet.` : ''
    }`,
    {
      option: 'waitTimeout',
      hint: `${waitingForBase ? `${makeBaseHint(summary)} ` : ''}The comparison goes on at Sentry: wait longer, or read it later by its snapshot id (${options.artifactId}).`,
      details: { artifactId: options.artifactId, comparisonState: detail.comparison_state },
    },
  );
}
