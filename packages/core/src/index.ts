/**
 * The public surface of core: what the SDK, the CLI and the action build on. The Sentry API's
 * schemas and limits, which the emulator shares, are the `./contract` entry; the option table
 * alone, for a parser built before the rest loads, is `./options`.
 */
export {
  type DownloadEvent,
  type DownloadSnapshotResult,
  downloadSnapshot,
} from './archive/download-snapshot.js';
export { type CompareFoldersOptions, compareFolders } from './compare/compare-folders.js';
export { compareSnapshots, type ImageSide } from './compare/compare-snapshots.js';
export { decodeImage } from './compare/decode-image.js';
export {
  type DiffImageLine,
  type DiffReport,
  DiffReportSchema,
  type DiffSummary,
} from './compare/diff-report.js';
export { judgeFolderDiff } from './compare/judge-folder-diff.js';
export type { SnapshotComparison } from './compare/snapshot-comparison.js';
export { type OrgAuthTokenPayload, parseOrgAuthToken } from './connection/org-auth-token.js';
export {
  type Connection,
  type ConnectionOptions,
  collectConnection,
  DEFAULT_SENTRY_URL,
  type ReadConnection,
  type ResolveConnectionRules,
  resolveConnection,
} from './connection/resolve-connection.js';
export {
  type DoctorCheck,
  type DoctorProblem,
  type DoctorReport,
  describeProblem,
  gatherDoctorReport,
} from './doctor/gather-doctor-report.js';
export {
  type ErrorCode,
  type ErrorFamily,
  errorFamilies,
  errorFamily,
  isSnapshotsError,
  SnapshotsError,
} from './errors.js';
export { createDefaultDispatcher, type DefaultDispatcherOptions } from './http/default-dispatcher.js';
export { resolveHttpTimeoutMs } from './http/http-timeouts.js';
export { createSentryClient } from './http/sentry-client.js';
export { discoverImages } from './images/discover-images.js';
export { type ImageFolder, normalizeImagePrefix, parseImageFolder } from './images/image-folder.js';
export { type ImageHashing, startImageHashing } from './images/image-hashing.js';
export { readImageNames } from './images/read-image-names.js';
export { readImages } from './images/read-images.js';
export { decodeOptions, type OptionValues } from './options/decode-options.js';
export { describeSettings, type Setting } from './options/describe-settings.js';
export { type OptionKey, optionTable } from './options/option-table.js';
export { type OptionSpelling, spellOptionError } from './options/spell-option-error.js';
export type { ProgressEvent, ProgressListener, UploadPhase } from './progress.js';
export { writeReport } from './report/write-report.js';
export type { CreateSnapshotResponse, SnapshotManifest } from './schemas/create-snapshot.js';
export type { ImageMetadata } from './schemas/image-metadata.js';
export { parseArtifactIdOption } from './schemas/numeric-id.js';
export type { Organization } from './schemas/organization.js';
export {
  type ImagePair,
  isComparisonSettled,
  type LatestBase,
  type SnapshotDetail,
  type SnapshotImage,
} from './schemas/snapshot-detail.js';
export type { UploadOptionsResponse } from './schemas/upload-options.js';
export type { UploadResult } from './schemas/upload-result.js';
export { type VcsContext, type VcsField, vcsFields, vcsWireNames } from './schemas/vcs-context.js';
export { type ShardManifest, ShardManifestSchema } from './shards/shard-manifest.js';
export { judgeComparison, nothingCompared } from './status/judge-comparison.js';
export { type ComparisonSummary, summarizeComparison } from './status/summarize-comparison.js';
export { waitForComparison } from './status/wait-for-comparison.js';
export { escapeTerminalText } from './text/escape-terminal-text.js';
export { stringifyJsonForTerminal } from './text/stringify-json-for-terminal.js';
export { type FinalizeSnapshotOptions, finalizeSnapshot } from './upload/finalize-snapshot.js';
export { uploadSnapshot } from './upload/upload-snapshot.js';
export { userAgent } from './version.js';
export {
  type Clock,
  createWorld,
  type Env,
  type Logger,
  silentLogger,
  systemClock,
  type World,
} from './world.js';
