import { SnapshotsError } from '../errors.js';
import type { ComparisonSummary } from './summarize-comparison.js';

export interface JudgeComparisonOptions {
  /** Fail when images changed, were added, removed or errored, unless a reviewer approved them. */
  failOnChanges: boolean;
  /** Where the reviewer approves, named in the hint when known. */
  snapshotUrl?: string | null | undefined;
  /** Facts the error carries beside the summary (the CLI's `--json` puts the upload result there). */
  details?: Record<string, unknown> | undefined;
}

const changeLists = ['changed', 'added', 'removed', 'errored'] as const;

/** Enough names to point at the images; the status table and Sentry list them all. */
const namesPerList = 5;

/**
 * The gate, for every frontend: the error that fails a run for this comparison, or undefined when
 * it passes. A failed comparison always fails; changes fail only when asked to, and pass once
 * approved in Sentry (that is what approval means). The rule is documented in docs/comparison-gate.md.
 */
export function judgeComparison(
  summary: ComparisonSummary,
  { failOnChanges, snapshotUrl, details: extra }: JudgeComparisonOptions,
): SnapshotsError | undefined {
  const details = { ...extra, summary };
  const where = snapshotUrl ? ` (${snapshotUrl})` : '';
  if (summary.state === 'failed') {
    const reason = summary.errorMessage ? `: ${summary.errorMessage}` : '.';
    return new SnapshotsError(
      'COMPARISON_FAILED',
      `The comparison of snapshot ${summary.artifactId} failed${reason}`,
      {
        hint: `Sentry could not compare the images; upload again, and if it persists, look at the snapshot in Sentry${where}.`,
        details,
      },
    );
  }
  if (!failOnChanges || !summary.hasChanges || summary.approved) return undefined;
  const parts = changeLists
    .filter((list) => summary.counts[list] > 0)
    .map((list) => `${summary.counts[list]} ${list}`);
  return new SnapshotsError(
    'CHANGES_DETECTED',
    `Snapshot ${summary.artifactId} differs from its base: ${parts.join(', ')}.${nameImages(summary)}`,
    {
      hint: `Review the changes in Sentry${where} and approve them there (a rerun then passes), or fix what changed.`,
      details,
    },
  );
}

/** ` Changed: a.png, b.png and 3 more. Added: c.png.`: the images behind a failure, per list. */
function nameImages({ names }: ComparisonSummary): string {
  return changeLists
    .map((list) => {
      const all = names[list];
      if (all.length === 0) return '';
      const more = all.length > namesPerList ? ` and ${all.length - namesPerList} more` : '';
      return ` ${list[0]!.toUpperCase()}${list.slice(1)}: ${all.slice(0, namesPerList).join(', ')}${more}.`;
    })
    .join('');
}
