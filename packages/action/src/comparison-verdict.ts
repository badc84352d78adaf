import { type SnapshotDetail, SnapshotsError } from '@sentry-snapshots/core';
import { type ComparisonOutcome, describeComparison } from './comparison-outcome.js';

/** Enough names for the annotation to point at the images; the summary and Sentry list them all. */
const namesPerList = 5;
const listLabels = { changed: 'Changed', added: 'Added', removed: 'Removed', errored: 'Errored' } as const;

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
    return new SnapshotsError('CHANGES_DETECTED', `${outcome.headline} ${nameImages(outcome.names)}`.trim(), {
      hint: `Review the changes in Sentry${snapshotUrl ? ` (${snapshotUrl})` : ''}; once approved there, re-run the job.`,
    });
  }
  return undefined;
}

/** The images behind a failure, per list, so the step's error says which ones to look at. */
function nameImages(names: ComparisonOutcome['names']): string {
  return Object.entries(listLabels)
    .map(([list, label]) => {
      const all = names[list as keyof typeof listLabels];
      if (all.length === 0) return '';
      const more = all.length > namesPerList ? ` and ${all.length - namesPerList} more` : '';
      return `${label}: ${all.slice(0, namesPerList).join(', ')}${more}.`;
    })
    .filter((part) => part !== '')
    .join(' ');
}
