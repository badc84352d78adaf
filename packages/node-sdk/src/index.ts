export {
  type ComparisonSummary,
  type Connection,
  type ConnectionOptions,
  DEFAULT_SENTRY_URL,
  type DiffImageLine,
  type DiffReport,
  type DownloadEvent,
  type DownloadSnapshotResult,
  type ErrorCode,
  type ErrorFamily,
  errorFamilies,
  errorFamily,
  type ImageFolder,
  isSnapshotsError,
  judgeComparison,
  type Logger,
  type OrgAuthTokenPayload,
  type ProgressEvent,
  parseOrgAuthToken,
  type ReadConnection,
  type ResolveConnectionRules,
  resolveConnection,
  type SnapshotComparison,
  type SnapshotDetail,
  type SnapshotManifest,
  SnapshotsError,
  type UploadPhase,
  type UploadResult,
  type VcsContext,
} from '@sentry-snapshots/core';
export {
  type CompareFoldersOptions,
  type CompareFoldersResult,
  compareFolders,
} from './compare-folders.js';
export { type DiagnoseOptions, type Diagnosis, diagnose } from './diagnose.js';
export {
  DEFAULT_ARCHIVE_TIMEOUT_MS,
  type DownloadSnapshotOptions,
  downloadSnapshot,
} from './download-snapshot.js';
export {
  type FinalizeSnapshotsOptions,
  type FinalizeSnapshotsResult,
  finalizeSnapshots,
} from './finalize-snapshots.js';
export type { FollowComparisonOptions } from './follow-comparison.js';
export {
  DEFAULT_WAIT_TIMEOUT_MS,
  type GetSnapshotStatusOptions,
  getSnapshotStatus,
  type SnapshotStatus,
} from './get-snapshot-status.js';
export type { WorldOptions } from './sdk-world.js';
export {
  type UploadSnapshotsOptions,
  type UploadSnapshotsResult,
  uploadSnapshots,
} from './upload-snapshots.js';
