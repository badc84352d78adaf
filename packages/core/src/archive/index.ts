export {
  type DownloadEvent,
  type DownloadSnapshotOptions,
  type DownloadSnapshotResult,
  downloadSnapshot,
} from './download-snapshot.js';
export { entryOutputPath } from './entry-output-path.js';
export {
  DEFAULT_MAX_ENTRIES,
  DEFAULT_MAX_TOTAL_BYTES,
  type ExtractedZip,
  type ExtractLimits,
  type ExtractZipOptions,
  extractZip,
} from './extract-zip.js';
export { type WaitForArchiveOptions, waitForArchive } from './wait-for-archive.js';
