import { type ComparisonSummary, type SnapshotDetail, summarizeComparison } from '@sentry-snapshots/core';

/** Core's summary of a comparison, plus the one line the job summary and the comment lead with. */
export interface HeadlinedComparison extends ComparisonSummary {
  headline: string;
}

export function headlineComparison(detail: SnapshotDetail): HeadlinedComparison {
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
      return `${parts.join(', ')}: ${summary.approved ? 'approved in Sentry' : 'review them in Sentry'}.`;
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
