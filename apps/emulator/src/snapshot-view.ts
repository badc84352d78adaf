import { summarizeComparison } from '@sentry-snapshots/core';
import type {
  ImageMetadata,
  ImagePair,
  SnapshotComparison,
  SnapshotDetail,
  SnapshotImage,
} from '@sentry-snapshots/core/contract';
import type { ApprovalRecord } from './storage/approval-storage.js';
import type { ComparisonRecord } from './storage/comparison-storage.js';
import type { SnapshotRecord } from './storage/snapshot-storage.js';

export function imageUrl(
  baseUrl: string,
  orgSlug: string,
  record: SnapshotRecord,
  contentHash: string,
): string {
  return `${baseUrl}/api/0/organizations/${orgSlug}/preprodartifacts/snapshots/${record.id}/images/${contentHash}/`;
}

/**
 * The image object of the snapshot detail (docs/sentry-api.md, "Snapshot detail"): known fields by
 * their wire names, extra sidecar keys kept as they came.
 */
export function describeImage(name: string, metadata: ImageMetadata): SnapshotImage {
  const { content_hash, width, height, display_name, group, description, diff_threshold, tags, ...extra } =
    metadata;
  return {
    ...extra,
    key: content_hash,
    image_file_name: name,
    display_name: display_name ?? null,
    group: group ?? null,
    width,
    height,
    diff_threshold: diff_threshold ?? null,
    description: description ?? null,
    tags: Array.isArray(tags) ? Object.fromEntries(tags.map((tag) => [tag, tag])) : (tags ?? null),
  };
}

export function describeVcs(record: SnapshotRecord): NonNullable<SnapshotDetail['vcs_info']> {
  const { manifest } = record;
  return {
    head_sha: manifest.head_sha ?? null,
    base_sha: manifest.base_sha ?? null,
    provider: manifest.provider ?? null,
    head_repo_name: manifest.head_repo_name ?? null,
    base_repo_name: manifest.base_repo_name ?? null,
    head_ref: manifest.head_ref ?? null,
    base_ref: manifest.base_ref ?? null,
    pr_number: manifest.pr_number ?? null,
  };
}

const noComparison: SnapshotComparison = {
  added: [],
  added_count: 0,
  removed: [],
  removed_count: 0,
  unchanged: [],
  unchanged_count: 0,
  skipped: [],
  skipped_count: 0,
  changed: [],
  changed_count: 0,
  renamed: [],
  renamed_count: 0,
  errored: [],
  errored_count: 0,
};

/**
 * The engine's lists in the snapshot detail's wire shape (docs/sentry-api.md, "Snapshot detail"):
 * every image object complete, every pair with its diff fields.
 */
export function toWireComparison(comparison: SnapshotComparison): SnapshotComparison {
  const image = ({ key, image_file_name, ...rest }: SnapshotImage): SnapshotImage =>
    describeImage(image_file_name, { ...rest, content_hash: key } as ImageMetadata);
  const pair = (entry: ImagePair): ImagePair => ({
    ...entry,
    base_image: entry.base_image ? image(entry.base_image) : null,
    head_image: entry.head_image ? image(entry.head_image) : null,
    diff_image_key: entry.diff_image_key ?? null,
    diff: entry.diff ?? null,
  });
  return {
    ...comparison,
    added: comparison.added.map(image),
    removed: comparison.removed.map(image),
    unchanged: comparison.unchanged.map(image),
    skipped: comparison.skipped.map(image),
    changed: comparison.changed.map(pair),
    renamed: comparison.renamed.map(pair),
    errored: comparison.errored.map(pair),
  };
}

export interface SnapshotDescription {
  /** Milliseconds since the epoch. */
  now: number;
  /** How long a head waits for its base before it reports `no_base_build`. */
  baseGraceMs: number;
  comparison: ComparisonRecord | undefined;
  approval: ApprovalRecord | undefined;
}

export type ComparisonStatus = Pick<
  SnapshotDetail,
  'base_artifact_id' | 'comparison_type' | 'comparison_state' | 'comparison_error_message'
>;

/** Where the snapshot's comparison stands, without its lists: cheap enough for a page of many. */
export function describeComparisonStatus(
  record: SnapshotRecord,
  { now, baseGraceMs, comparison }: SnapshotDescription,
): ComparisonStatus {
  if (comparison) {
    return {
      base_artifact_id: String(comparison.baseId),
      comparison_type: 'diff',
      comparison_state: comparison.state,
      comparison_error_message: comparison.errorMessage,
    };
  }
  const hasBase = Boolean(record.manifest.base_sha && record.manifest.base_repo_name);
  const waitingState = now - record.createdAt >= baseGraceMs ? 'no_base_build' : 'waiting_for_base';
  return {
    base_artifact_id: null,
    comparison_type: hasBase ? 'waiting_for_base' : 'solo',
    comparison_state: hasBase ? waitingState : null,
    comparison_error_message: null,
  };
}

/** `GET organizations/{org}/preprodartifacts/snapshots/{id}/` (docs/sentry-api.md, "Snapshot detail"). */
export function describeSnapshot(record: SnapshotRecord, description: SnapshotDescription): SnapshotDetail {
  const { manifest } = record;
  const { comparison } = description;
  const images =
    comparison?.state === 'success'
      ? []
      : Object.entries(manifest.images).map(([name, metadata]) => describeImage(name, metadata));
  const status = describeComparisonStatus(record, description);
  const detail: SnapshotDetail = {
    head_artifact_id: String(record.id),
    base_artifact_id: status.base_artifact_id,
    project_id: String(record.projectId),
    app_id: manifest.app_id,
    state: 'uploaded',
    vcs_info: describeVcs(record),
    image_count: Object.keys(manifest.images).length,
    images,
    is_selective: manifest.selective ?? false,
    diff_threshold: manifest.diff_threshold ?? null,
    comparison_type: status.comparison_type,
    comparison_state: status.comparison_state,
    comparison_error_message: status.comparison_error_message,
    ...(comparison?.result ?? noComparison),
    approval_status: null,
  };
  return { ...detail, approval_status: describeApprovalStatus(detail, description.approval) };
}

/**
 * As Sentry: approved once someone approved it; a finished comparison with changes waits for
 * approval; otherwise nothing is asked of a reviewer (Sentry records no approval for a comparison
 * without changes, and auto-approves only a rebuild whose changes a reviewer already approved).
 */
function describeApprovalStatus(
  detail: SnapshotDetail,
  approval: ApprovalRecord | undefined,
): SnapshotDetail['approval_status'] {
  if (approval) return 'approved';
  const summary = summarizeComparison(detail);
  return summary.state === 'success' && summary.hasChanges ? 'requires_approval' : null;
}
