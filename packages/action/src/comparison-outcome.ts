import { type ComparisonSummary, type SnapshotDetail, summarizeComparison } from '@sentry-snapshots/core';

/** Core's view of a comparison, plus the one line a pull request shows for it. */
export interface ComparisonOutcome extends ComparisonSummary {
  headline: string;
}

export function describeComparison(detail: SnapshotDetail): ComparisonOutcome {
  const summary = summarizeComparison(detail);
  return { ...summary, headline: headline(detail, summary) };
}

function headline(detail: SnapshotDetail, summary: ComparisonSummary): string {
  switch (summary.state) {
    case 'success': {
      if (!summary.hasChanges) return `No visual changes in ${detail.image_count} images.`;
      const { changed, added, removed, errored } = summary.counts;
      const parts = Object.entries({ changed, added, removed, errored })
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${count} ${name}`);
      return `${parts.join(', ')}: review them in Sentry.`;
    }
    case 'failed':
      return `The comparison failed${summary.errorMessage ? `: ${summary.errorMessage}` : '.'}`;
    case 'no_base_build':
      return 'No base snapshot to compare with: upload one from the base branch.';
    case 'waiting_for_base':
      return 'Waiting for the base snapshot: the comparison starts when it is uploaded.';
    case 'pending':
    case 'processing':
      return 'The comparison is still running.';
    default:
      return 'Uploaded without a base to compare with.';
  }
}
