import { type SnapshotDetail, SnapshotsError } from '@sentry-snapshots/core';
import { describeComparison } from './comparison-outcome.js';

/** The error that fails the step for this comparison, or `undefined` when it passes. */
export function comparisonVerdict(
  options: { failOnChanges: boolean },
  comparison: SnapshotDetail,
  snapshotUrl: string | null,
): SnapshotsError | undefined {
  const outcome = describeComparison(comparison);
  if (comparison.comparison_state === 'failed') {
    return new SnapshotsError('COMPARISON_FAILED', outcome.headline, {
      hint: 'Sentry could not compare the images; re-run the job, and if it persists, look at the snapshot in Sentry.',
    });
  }
  // A reviewer who approved the changes in Sentry has decided; a re-run then passes.
  const approved =
    comparison.approval_status === 'approved' || comparison.approval_status === 'auto_approved';
  if (options.failOnChanges && outcome.hasChanges && !approved) {
    return new SnapshotsError('CHANGES_DETECTED', outcome.headline, {
      hint: `Review the changes in Sentry${snapshotUrl ? ` (${snapshotUrl})` : ''}; once approved there, re-run the job.`,
    });
  }
  return undefined;
}
