import type { ImagePair, SnapshotDetail, SnapshotImage } from '@sentry-snapshots/core';

export interface ComparisonOutcome {
  /** Something a reviewer must look at: changed, added, removed or errored images. */
  hasChanges: boolean;
  headline: string;
  changed: string[];
  added: string[];
  removed: string[];
  renamed: string[];
  errored: string[];
}

/** What the comparison means for the pull request, in one line and four name lists. */
export function describeComparison(detail: SnapshotDetail): ComparisonOutcome {
  const outcome = {
    changed: detail.changed.map(pairName),
    added: detail.added.map(imageName),
    removed: detail.removed.map(imageName),
    renamed: detail.renamed.map(
      (pair) => `${pair.base_image?.image_file_name ?? '?'} → ${pair.head_image?.image_file_name ?? '?'}`,
    ),
    errored: detail.errored.map(pairName),
  };
  const counts = {
    changed: detail.changed_count || outcome.changed.length,
    added: detail.added_count || outcome.added.length,
    removed: detail.removed_count || outcome.removed.length,
    errored: detail.errored_count || outcome.errored.length,
  };
  const hasChanges = counts.changed + counts.added + counts.removed + counts.errored > 0;
  return { ...outcome, hasChanges, headline: headline(detail, counts, hasChanges) };
}

function headline(detail: SnapshotDetail, counts: Record<string, number>, hasChanges: boolean): string {
  switch (detail.comparison_state) {
    case 'success':
      if (!hasChanges) return `No visual changes in ${detail.image_count} images.`;
      return `${Object.entries(counts)
        .filter(([, count]) => count > 0)
        .map(([name, count]) => `${count} ${name}`)
        .join(', ')}: review them in Sentry.`;
    case 'failed':
      return `The comparison failed${detail.comparison_error_message ? `: ${detail.comparison_error_message}` : '.'}`;
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

function imageName(image: SnapshotImage): string {
  return image.image_file_name;
}

function pairName(pair: ImagePair): string {
  return pair.head_image?.image_file_name ?? pair.base_image?.image_file_name ?? '?';
}
