import type { ApprovalStatus, ImagePair, SnapshotDetail, SnapshotImage } from '../schemas/snapshot-detail.js';

export interface ComparisonSummary {
  artifactId: string;
  type: SnapshotDetail['comparison_type'];
  state: SnapshotDetail['comparison_state'];
  errorMessage: string | undefined;
  counts: Record<'added' | 'removed' | 'changed' | 'unchanged' | 'renamed' | 'errored' | 'skipped', number>;
  /** Image file names per list, for summaries and comments. */
  names: Record<'added' | 'removed' | 'changed' | 'renamed' | 'errored', string[]>;
  /** True when the head differs from its base in a way a reviewer must see. */
  hasChanges: boolean;
  /** Sentry's approval of the changes, when it gave one. */
  approval: ApprovalStatus | undefined;
  /** A reviewer (or Sentry itself) approved the changes: the gate lets them pass. */
  approved: boolean;
  /** The base commit the head is compared with, when one was sent. */
  base: { sha?: string; ref?: string };
}

/** The view every frontend shows of a comparison: counts, names, and whether anything changed. */
export function summarizeComparison(detail: SnapshotDetail): ComparisonSummary {
  const counts = {
    added: detail.added_count,
    removed: detail.removed_count,
    changed: detail.changed_count,
    unchanged: detail.unchanged_count,
    renamed: detail.renamed_count,
    errored: detail.errored_count,
    skipped: detail.skipped_count,
  };
  return {
    artifactId: detail.head_artifact_id,
    type: detail.comparison_type,
    state: detail.comparison_state,
    errorMessage: detail.comparison_error_message ?? undefined,
    counts,
    names: {
      added: detail.added.map(imageName),
      removed: detail.removed.map(imageName),
      changed: detail.changed.map(pairName),
      renamed: detail.renamed.map(pairName),
      errored: detail.errored.map(pairName),
    },
    hasChanges: counts.added + counts.removed + counts.changed + counts.errored > 0,
    approval: detail.approval_status ?? undefined,
    approved: detail.approval_status === 'approved' || detail.approval_status === 'auto_approved',
    base: {
      ...(detail.vcs_info?.base_sha ? { sha: detail.vcs_info.base_sha } : {}),
      ...(detail.vcs_info?.base_ref ? { ref: detail.vcs_info.base_ref } : {}),
    },
  };
}

function imageName(image: SnapshotImage): string {
  return image.image_file_name;
}

function pairName(pair: ImagePair): string {
  return (pair.head_image ?? pair.base_image)?.image_file_name ?? '';
}
