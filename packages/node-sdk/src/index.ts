export {
  type ErrorCode,
  type ErrorFamily,
  errorFamilies,
  errorFamily,
  isSnapshotsError,
  type Logger,
  type ProgressEvent,
  type SnapshotManifest,
  SnapshotsError,
  type UploadPhase,
  type UploadResult,
  type VcsContext,
} from '@sentry-snapshots/core';
export { type OrgAuthTokenPayload, parseOrgAuthToken } from './org-auth-token.js';
export {
  type Connection,
  type ConnectionOptions,
  DEFAULT_SENTRY_URL,
  resolveConnection,
} from './resolve-connection.js';
export { type UploadSnapshotsOptions, uploadSnapshots } from './upload-snapshots.js';
