import type { SnapshotRecord } from './storage/snapshot-storage.js';

/**
 * A head asks for a comparison only when it names both `base_sha` and `base_repo_name`
 * (docs/sentry-api.md, "VCS fields on the server").
 */
export function wantsBase(head: SnapshotRecord): boolean {
  return Boolean(head.manifest.base_sha && head.manifest.base_repo_name);
}

/** Sentry records a commit, and so can find a snapshot as a base, only when all four fields are set. */
export function recordsCommit(snapshot: SnapshotRecord): boolean {
  const { head_sha, provider, head_repo_name, head_ref } = snapshot.manifest;
  return Boolean(head_sha && provider && head_repo_name && head_ref);
}

/** True when `base` is a snapshot `head` compares against: same project and app, its commit and repository. */
export function isBaseOf(base: SnapshotRecord, head: SnapshotRecord): boolean {
  return (
    base.id !== head.id &&
    wantsBase(head) &&
    recordsCommit(base) &&
    base.projectId === head.projectId &&
    base.manifest.app_id === head.manifest.app_id &&
    base.manifest.head_sha === head.manifest.base_sha &&
    base.manifest.head_repo_name === head.manifest.base_repo_name
  );
}

/** The newest base of `head` among `snapshots` (newest first), if any. */
export function findBase(
  snapshots: readonly SnapshotRecord[],
  head: SnapshotRecord,
): SnapshotRecord | undefined {
  return snapshots.find((candidate) => isBaseOf(candidate, head));
}
