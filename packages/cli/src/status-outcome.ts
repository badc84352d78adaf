import { type ComparisonSummary, type SnapshotDetail, SnapshotsError } from '@sentry-snapshots/core';

export interface StatusOutcomeOptions {
  failOnChanges: boolean;
  /** Carried in the error's details, so `--json` prints one document that holds everything. */
  detail?: SnapshotDetail | undefined;
  /** More facts for the error's details (upload puts its result there). */
  details?: Record<string, unknown> | undefined;
}

/** The error that sets the exit code for a comparison, or undefined when the run passes. */
export function statusOutcome(
  summary: ComparisonSummary,
  { failOnChanges, detail, details: extra }: StatusOutcomeOptions,
): SnapshotsError | undefined {
  const details = { ...extra, summary, ...(detail === undefined ? {} : { detail }) };
  if (summary.state === 'failed') {
    const reason = summary.errorMessage ? `: ${summary.errorMessage}` : '.';
    return new SnapshotsError(
      'COMPARISON_FAILED',
      `The comparison of snapshot ${summary.artifactId} failed${reason}`,
      {
        hint: 'Sentry could not compare the images; upload again, or check the snapshot in Sentry.',
        details,
      },
    );
  }
  if (!failOnChanges || !summary.hasChanges) return undefined;
  const { counts } = summary;
  const parts = (['changed', 'added', 'removed', 'errored'] as const)
    .filter((name) => counts[name] > 0)
    .map((name) => `${counts[name]} ${name}`);
  return new SnapshotsError(
    'CHANGES_DETECTED',
    `Snapshot ${summary.artifactId} differs from its base: ${parts.join(', ')}.`,
    {
      hint: 'Review the changes in Sentry and approve them, or fix what changed.',
      details,
    },
  );
}
