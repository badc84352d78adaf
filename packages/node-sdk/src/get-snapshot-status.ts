import {
  type ComparisonSummary,
  type ConnectionOptions,
  createSentryClient,
  judgeComparison,
  nothingCompared,
  parseArtifactIdOption,
  resolveConnection,
  type SnapshotDetail,
  SnapshotsError,
  summarizeComparison,
  waitForComparison,
} from '@sentry-snapshots/core';
import { createSdkWorld, type WorldOptions, withSdkSpelling } from './sdk-world.js';

/** How long `wait` polls by default, as `sentry-snapshots status --wait`. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;

export interface GetSnapshotStatusOptions extends ConnectionOptions, WorldOptions {
  /** The snapshot, as `uploadSnapshots` returned it (`result.artifactId`). */
  artifactId: string;
  /** Extra headers on every Sentry API request. */
  headers?: Record<string, string>;
  /** Poll until the comparison ends; otherwise answer with its state now. */
  wait?: boolean;
  /** With `wait`: give up (`WAIT_TIMEOUT`) after this long; default 10 minutes. */
  timeoutMs?: number;
  /** With `wait`: the first pause between polls (it grows by half up to 10 s); default 1 s. */
  intervalMs?: number;
  /** With `wait`: called with every answer, the last one included. */
  onPoll?: (detail: SnapshotDetail) => void;
  /** Judge changes that were not approved in Sentry as a failure (see `failure`). */
  failOnChanges?: boolean;
  /** Judge a base commit without a snapshot as a failure (`BASE_NOT_FOUND`) instead of a notice. */
  requireBase?: boolean;
}

export interface SnapshotStatus {
  /** State, counts and names of the comparison with the base. */
  summary: ComparisonSummary;
  /** Sentry's answer as is. */
  detail: SnapshotDetail;
  /**
   * Why this comparison fails the gate (`COMPARISON_FAILED`, or `CHANGES_DETECTED` with
   * `failOnChanges`), or undefined when it passes; see docs/comparison-gate.md.
   */
  failure: SnapshotsError | undefined;
  /** Why nothing was compared (no base sent, or a base commit without a snapshot), when so. */
  notice?: string;
}

/**
 * Reads a snapshot's comparison with its base, optionally waiting until it ends. No project is
 * needed: snapshots are read by organization. Throws a `SnapshotsError` (unknown snapshot:
 * `SNAPSHOT_NOT_FOUND`; a wait that runs out: `WAIT_TIMEOUT`; an aborted `signal`: `ABORTED`); a comparison that fails the gate
 * is not thrown but returned as `failure`, beside what was found.
 */
export function getSnapshotStatus(options: GetSnapshotStatusOptions): Promise<SnapshotStatus> {
  return withSdkSpelling(() => readSnapshotStatus(options));
}

/** `getSnapshotStatus` without the SDK's spelling of errors, for calls from within the SDK. */
export async function readSnapshotStatus(options: GetSnapshotStatusOptions): Promise<SnapshotStatus> {
  const artifactId = parseArtifactIdOption(options.artifactId, 'artifactId');
  const world = createSdkWorld(options);
  const connection = resolveConnection(options, world.env, { requireProject: false });
  const target = {
    url: connection.url,
    authToken: connection.authToken ?? '',
    ...(options.headers ? { headers: options.headers } : {}),
  };
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) {
    throw new SnapshotsError(
      'INVALID_OPTION',
      `timeoutMs must be a number of milliseconds ≥ 0, got ${timeoutMs}.`,
    );
  }
  const detail = options.wait
    ? await waitForComparison(
        {
          ...target,
          org: connection.org,
          artifactId,
          timeoutMs,
          intervalMs: options.intervalMs,
          onPoll: options.onPoll,
          stopWhenWaitingForBase: options.requireBase === true,
        },
        world,
      )
    : await createSentryClient(target, world).getSnapshot(connection.org, artifactId);
  const summary = summarizeComparison(detail);
  const failure = judgeComparison(summary, {
    failOnChanges: options.failOnChanges === true,
    requireBase: options.requireBase === true,
    details: { detail },
  });
  const notice = nothingCompared(summary);
  return { summary, detail, failure, ...(notice === undefined ? {} : { notice }) };
}
