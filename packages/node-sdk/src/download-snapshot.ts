import {
  type ConnectionOptions,
  type DownloadEvent,
  type DownloadSnapshotResult,
  downloadSnapshot as downloadWithCore,
  resolveConnection,
} from '@sentry-snapshots/core';
import { createSdkWorld, type WorldOptions, withSdkSpelling } from './sdk-world.js';

/** How long to wait for Sentry to build the archive by default, as `sentry-snapshots download`. */
export const DEFAULT_ARCHIVE_TIMEOUT_MS = 300_000;

export interface DownloadSnapshotOptions extends ConnectionOptions, WorldOptions {
  /** One given snapshot; or `appId` for the newest base snapshot of an app (exactly one of the two). */
  snapshotId?: string;
  appId?: string;
  /** Only with `appId`: the newest base built from this branch. */
  branch?: string;
  /** Folder the images go to, relative to `cwd`; made when missing. */
  output: string;
  /** Empty the output folder first; otherwise one that is not empty is refused (`OUTPUT_UNWRITABLE`). */
  clean?: boolean;
  /** Extra headers on every Sentry API request. */
  headers?: Record<string, string>;
  /** How long to wait for Sentry to build the archive; default 5 minutes. */
  timeoutMs?: number;
  /** Told as the download advances (resolving, resolved, building, downloading, extracting). */
  onEvent?: (event: DownloadEvent) => void;
}

/**
 * Downloads the images of a snapshot, or of the latest base snapshot of an app, into a folder,
 * extracting its archive safely. `project` (default `SENTRY_PROJECT`) only narrows the search by
 * app. Throws a `SnapshotsError` (unknown snapshot:
 * `SNAPSHOT_NOT_FOUND`; no base for the app: `NO_BASE_SNAPSHOT`; an archive not built in time: `ARCHIVE_NOT_READY`;
 * an aborted `signal`: `ABORTED`).
 */
export function downloadSnapshot(options: DownloadSnapshotOptions): Promise<DownloadSnapshotResult> {
  return withSdkSpelling(() => download(options));
}

async function download(options: DownloadSnapshotOptions): Promise<DownloadSnapshotResult> {
  const world = createSdkWorld(options);
  const connection = resolveConnection(options, world.env, { requireProject: false });
  return await downloadWithCore(
    {
      url: connection.url,
      authToken: connection.authToken ?? '',
      headers: options.headers,
      org: connection.org,
      project: connection.project,
      snapshotId: options.snapshotId,
      appId: options.appId,
      branch: options.branch,
      output: options.output,
      clean: options.clean,
      timeoutMs: options.timeoutMs ?? DEFAULT_ARCHIVE_TIMEOUT_MS,
      onEvent: options.onEvent,
    },
    world,
  );
}
