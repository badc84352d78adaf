import { escapeTerminalText, isComparisonSettled, type SnapshotsError } from '@sentry-snapshots/core';
import { getSnapshotStatus, type SnapshotStatus } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import type { CliConnection } from './resolve-cli-connection.js';
import { statusOutcome } from './status-outcome.js';

export interface ReadComparisonOptions {
  artifactId: string;
  wait: boolean;
  timeoutMs: number;
}

/** A snapshot's comparison through the SDK; while waiting, each state it passes is told on stderr. */
export async function readComparison(
  { artifactId, wait, timeoutMs }: ReadComparisonOptions,
  connection: CliConnection,
  io: CliIo,
): Promise<SnapshotStatus> {
  const started = Date.now();
  let last = '';
  return await getSnapshotStatus({
    ...connection.sdk,
    artifactId,
    wait,
    timeoutMs,
    onPoll: (polled) => {
      if (connection.quiet || isComparisonSettled(polled)) return;
      const state = polled.comparison_state ?? polled.comparison_type;
      const seconds = Math.round((Date.now() - started) / 1000);
      const line =
        state === last
          ? `  still ${state} after ${seconds} s`
          : `Waiting for the comparison of snapshot ${artifactId}: ${state}`;
      io.stderr.write(`${escapeTerminalText(line)}\n`);
      last = state;
    },
  });
}

export interface JudgeComparisonOptions {
  failOnChanges: boolean;
  /** Also carry the raw detail (and `details`) in the error, for `--json`. */
  json: boolean;
  details?: Record<string, unknown>;
}

/** The exit-code error for a comparison (see `statusOutcome`), warning when there is nothing to judge yet. */
export function judgeComparison(
  { summary, detail }: SnapshotStatus,
  { failOnChanges, json, details }: JudgeComparisonOptions,
  connection: CliConnection,
  io: CliIo,
): SnapshotsError | undefined {
  if (failOnChanges && !isComparisonSettled(detail) && !connection.quiet) {
    io.stderr.write(
      'warning: the comparison has not finished, so --fail-on-changes has nothing to judge yet; pass --wait.\n',
    );
  }
  return statusOutcome(summary, { failOnChanges, detail: json ? detail : undefined, details });
}
