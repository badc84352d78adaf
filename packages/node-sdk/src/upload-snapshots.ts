import {
  type ImageFolder,
  type ImageHashing,
  normalizeImagePrefix,
  type ProgressEvent,
  resolveConnection,
  SnapshotsError,
  uploadSnapshot,
  type VcsContext,
} from '@sentry-snapshots/core';
import { type FollowComparisonOptions, type FollowedUpload, followComparison } from './follow-comparison.js';
import { createSdkWorld, withSdkSpelling } from './sdk-world.js';
import { resolveUploadInputs } from './upload-inputs.js';

export interface UploadSnapshotsOptions extends FollowComparisonOptions {
  /**
   * The folder of screenshots, relative to `cwd`; or several, each as a path or as
   * `{ path, prefix }` to name its images under `prefix` (`app` names `home.png` `app/home.png`).
   * Two files that would get the same name are refused (`DUPLICATE_IMAGE_KEY`).
   */
  path: string | readonly (string | ImageFolder)[];
  /** Names every image under this prefix, before a folder's own prefix. */
  prefix?: string;
  /** Identifies the app across builds: head and base snapshots are matched by it. */
  appId: string;
  /** Default: `SENTRY_ORG`, then the org named by an org auth token. */
  org?: string;
  /** Default: `SENTRY_PROJECT`. */
  project?: string;
  /** Default: `SENTRY_AUTH_TOKEN`. Optional on a dry run, which then does not check what Sentry has. */
  authToken?: string;
  /** Default: `SENTRY_URL`, then the URL named by an org auth token, then `https://sentry.io/`. */
  url?: string;
  /** Extra headers on every Sentry API request. */
  headers?: Record<string, string>;
  /** Only report images as changed when they differ by more than this fraction (0 ≤ x < 1). */
  diffThreshold?: number;
  /** The upload holds only part of the suite. */
  selective?: boolean;
  /** Every image name of the full suite; implies `selective`. */
  allImageFileNames?: string[];
  /** A file with every image name of the full suite, one per line, relative to `cwd`; implies `selective`. */
  allImageFileNamesFile?: string;
  /** Explicit VCS fields; they win over what CI and git say. */
  vcs?: Partial<VcsContext>;
  /** `auto` (default): read git and CI only in CI; `force`: always; `off`: never. */
  gitMetadata?: 'auto' | 'force' | 'off';
  /** How many requests to the object store are in flight at once (default 8). */
  concurrency?: number;
  /** Do everything but the writes; the result carries the manifest that would be sent. */
  dryRun?: boolean;
  /**
   * Refuse the upload before anything is stored when an image would be skipped (unreadable header,
   * empty, cut short, broken link) or a sidecar ignored (`IMAGE_UNREADABLE`, or `INVALID_MANIFEST`
   * for sidecars alone). Default false: they are left out with a warning, as sentry-cli does.
   */
  strict?: boolean;
  /**
   * The whole upload must end within this many ms, or it stops with `TIMEOUT` (objects already
   * stored stay stored: a rerun finishes it). Default `SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT`, else no
   * limit; 0 is none.
   */
  uploadTimeoutMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Store every object as an upload does, then write this shard file (relative to `cwd`) instead of
   * creating the snapshot; `finalizeSnapshots` makes one snapshot of every shard. Not with
   * `dryRun`, `wait`, `failOnChanges` or `requireBase`: there is no snapshot yet.
   */
  shardOut?: string;
  /** Aborts the upload; objects already stored stay stored, so a rerun finishes quickly. */
  signal?: AbortSignal;
  /**
   * Hashing of the folder already under way (core's `startImageHashing`, which the CLI starts
   * before its code loads): joined when it is of the same folder, else stopped. Without it the
   * upload starts its own, on one worker thread per spare core.
   */
  hashing?: ImageHashing;
}

export type UploadSnapshotsResult = FollowedUpload;

/**
 * Uploads a folder of screenshots as a Sentry snapshot: stores every image the object store
 * lacks, then creates the snapshot, and with `wait` waits for its comparison. Throws a
 * `SnapshotsError` (see `isSnapshotsError`); one thrown after the snapshot was created carries the
 * upload result in `details.upload`.
 */
export function uploadSnapshots(options: UploadSnapshotsOptions): Promise<UploadSnapshotsResult> {
  return withSdkSpelling(async () => {
    const world = createSdkWorld(options);
    const connection = resolveConnection(options, world.env, { tokenOptional: options.dryRun === true });
    const appId = options.appId?.trim();
    if (!appId) {
      throw new SnapshotsError('MISSING_APP_ID', 'No app id was given.', {
        option: 'appId',
        hint: 'It is a stable name for the app, e.g. "web" or "com.example.ios": head and base snapshots are matched by it.',
      });
    }
    const { uploadTimeoutMs, allImageFileNames } = await resolveUploadInputs(options, world);
    if (options.shardOut !== undefined) refuseWithShard(options);
    const result = await uploadSnapshot(
      {
        ...connection,
        folders: imageFolders(options.path, options.prefix),
        appId,
        ...definedOnly({
          headers: options.headers,
          diffThreshold: options.diffThreshold,
          selective: options.selective,
          allImageFileNames,
          vcs: options.vcs,
          gitMetadata: options.gitMetadata,
          concurrency: options.concurrency,
          dryRun: options.dryRun,
          strict: options.strict,
          timeoutMs: uploadTimeoutMs || undefined,
          onProgress: options.onProgress,
          shardOut: options.shardOut,
          hashing: options.hashing,
        }),
      },
      world,
    );
    return followComparison(result, options, connection);
  });
}

/** The folders as core takes them: each one's prefix after the common one, checked. */
function imageFolders(path: UploadSnapshotsOptions['path'], prefix: string | undefined): ImageFolder[] {
  const common = prefix === undefined ? undefined : normalizeImagePrefix(prefix, 'prefix');
  const folders = typeof path === 'string' ? [path] : path;
  if (folders.length === 0) {
    throw new SnapshotsError('MISSING_OPTION', 'No folder of screenshots was given.', { option: 'path' });
  }
  return folders.map((folder) => {
    const { path: folderPath, prefix: own } = typeof folder === 'string' ? { path: folder } : folder;
    const normalized = own === undefined ? undefined : normalizeImagePrefix(own, 'path');
    const joined = [common, normalized].filter((part) => part !== undefined).join('/');
    return joined === '' ? { path: folderPath } : { path: folderPath, prefix: joined };
  });
}

/** A shard creates no snapshot: there is nothing to wait for, and a dry run would store nothing for it. */
function refuseWithShard(options: UploadSnapshotsOptions): void {
  const clash = (['dryRun', 'wait', 'failOnChanges', 'requireBase'] as const).find(
    (key) => options[key] === true,
  );
  if (clash === undefined) return;
  throw new SnapshotsError(
    'INVALID_OPTION',
    `A shard upload creates no snapshot, so it cannot be combined with ${clash}.`,
    {
      option: 'shardOut',
      hint: 'Wait for the comparison, or judge it, in the finalize step; a dry run stores nothing a shard could point to.',
      details: { conflictsWith: clash },
    },
  );
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
