import { escapeTerminalText, isComparisonSettled, type SnapshotDetail } from '@sentry-snapshots/core';
import { getSnapshotStatus, type SnapshotStatus } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import type { CliConnection } from './resolve-cli-connection.js';

export interface ReadComparisonOptions {
  artifactId: string;
  wait: boolean;
  timeoutMs: number;
  failOnChanges: boolean;
  requireBase: boolean;
}

/** A snapshot's comparison and the gate's verdict, through the SDK. */
export async function readComparison(
  { artifactId, wait, timeoutMs, failOnChanges, requireBase }: ReadComparisonOptions,
  connection: CliConnection,
  io: CliIo,
): Promise<SnapshotStatus> {
  return await getSnapshotStatus({
    ...connection.sdk,
    artifactId,
    wait,
    timeoutMs,
    failOnChanges,
    requireBase,
    onPoll: comparisonProgress(connection, io),
  });
}

/** While waiting, each state the comparison passes is told on stderr. */
export function comparisonProgress(connection: CliConnection, io: CliIo): (polled: SnapshotDetail) => void {
  const started = Date.now();
  let last = '';
  return (polled) => {
    if (connection.quiet || isComparisonSettled(polled)) return;
    const state = polled.comparison_state ?? polled.comparison_type;
    const seconds = Math.round((Date.now() - started) / 1000);
    const line =
      state === last
        ? `  still ${state} after ${seconds} s`
        : `Waiting for the comparison of snapshot ${polled.head_artifact_id}: ${state}${waitingFor(polled)}`;
    io.stderr.write(`${escapeTerminalText(line)}\n`);
    last = state;
  };
}

/** While waiting for its base, which commit it waits for: Sentry compares once it is uploaded. */
function waitingFor(polled: SnapshotDetail): string {
  const sha = polled.vcs_info?.base_sha;
  if (polled.comparison_state !== 'waiting_for_base' || !sha) return '';
  return ` (base commit ${sha.slice(0, 7)} has no snapshot yet; Sentry compares as soon as one is uploaded)`;
}

/** `--fail-on-changes` without `--wait` may find a comparison that has not ended: say so. */
export function warnIfUnsettled(
  { detail }: SnapshotStatus,
  failOnChanges: boolean,
  connection: CliConnection,
  io: CliIo,
): void {
  if (failOnChanges && !isComparisonSettled(detail) && !connection.quiet) {
    io.stderr.write(
      'warning: the comparison has not finished, so --fail-on-changes has nothing to judge yet; pass --wait.\n',
    );
  }
}
