import type { ImageMetadata, SnapshotDetail, SnapshotImage } from '@sentry-snapshots/core';
import { formatScopes, objectStoreUsecase } from './routes/upload-options.js';
import type { ObjectId } from './storage/object-storage.js';
import type { SnapshotRecord } from './storage/snapshot-storage.js';

/** A head without a base turns from waiting to `no_base_build` after this long, as on Sentry. */
const waitForBaseMs = 10 * 60 * 1000;

/** Where the object store keeps an image of this snapshot. */
export function imageObjectId(record: SnapshotRecord, contentHash: string): ObjectId {
  return {
    usecase: objectStoreUsecase,
    scopes: formatScopes([
      ['org', String(record.orgId)],
      ['project', String(record.projectId)],
    ]),
    key: `${record.orgId}/${record.projectId}/${contentHash}`,
  };
}

export function imageUrl(
  baseUrl: string,
  orgSlug: string,
  record: SnapshotRecord,
  contentHash: string,
): string {
  return `${baseUrl}/api/0/organizations/${orgSlug}/preprodartifacts/snapshots/${record.id}/images/${contentHash}/`;
}

/** The §6 image object: known fields by their wire names, extra sidecar keys kept as they came. */
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

/** `GET organizations/{org}/preprodartifacts/snapshots/{id}/` before comparisons exist. */
export function describeSnapshot(record: SnapshotRecord, now: number): SnapshotDetail {
  const { manifest } = record;
  const hasBase = Boolean(manifest.base_sha && manifest.base_repo_name);
  const comparisonState = hasBase
    ? now - record.createdAt > waitForBaseMs
      ? 'no_base_build'
      : 'waiting_for_base'
    : null;
  const images = Object.entries(manifest.images).map(([name, metadata]) => describeImage(name, metadata));
  return {
    head_artifact_id: String(record.id),
    base_artifact_id: null,
    project_id: String(record.projectId),
    app_id: manifest.app_id,
    state: 'uploaded',
    vcs_info: describeVcs(record),
    image_count: images.length,
    images,
    is_selective: manifest.selective ?? false,
    diff_threshold: manifest.diff_threshold ?? null,
    comparison_type: hasBase ? 'waiting_for_base' : 'solo',
    comparison_state: comparisonState,
    comparison_error_message: null,
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
    approval_status: null,
  };
}
