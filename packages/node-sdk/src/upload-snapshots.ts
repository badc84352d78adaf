import { resolve } from 'node:path';
import {
  decodeOptions,
  type ImageHashing,
  isSnapshotsError,
  type ProgressEvent,
  readImageNames,
  resolveConnection,
  type SnapshotDetail,
  SnapshotsError,
  type UploadResult,
  uploadSnapshot,
  type VcsContext,
} from '@sentry-snapshots/core';
import { DEFAULT_WAIT_TIMEOUT_MS, readSnapshotStatus, type SnapshotStatus } from './get-snapshot-status.js';
import { createSdkWorld, type WorldOptions, withSdkSpelling } from './sdk-world.js';

export interface UploadSnapshotsOptions extends WorldOptions {
  /** The folder of screenshots; relative to `cwd`. */
  path: string;
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
  /** After the upload, wait for the comparison with the base and return it as `comparison`. */
  wait?: boolean;
  /** Implies `wait`; `comparison.failure` holds changes that were not approved in Sentry. */
  failOnChanges?: boolean;
  /** Implies `wait`; a base commit without a snapshot is a failure (`BASE_NOT_FOUND`), not a notice. */
  requireBase?: boolean;
  /** With `wait`: give up (`WAIT_TIMEOUT`) after this long; default 10 minutes. */
  waitTimeoutMs?: number;
  /** With `wait`: called once the snapshot is created, before waiting for its comparison. */
  onUploaded?: (result: UploadResult) => void;
  /** With `wait`: called with every answer while waiting. */
  onPoll?: (detail: SnapshotDetail) => void;
  /** Aborts the upload; objects already stored stay stored, so a rerun finishes quickly. */
  signal?: AbortSignal;
  /**
   * Hashing of the folder already under way (core's `startImageHashing`, which the CLI starts
   * before its code loads): joined when it is of the same folder, else stopped. Without it the
   * upload starts its own, on one worker thread per spare core.
   */
  hashing?: ImageHashing;
}

export interface UploadSnapshotsResult extends UploadResult {
  /** With `wait` (or `failOnChanges`) and a snapshot created: its comparison, and the gate's verdict. */
  comparison?: SnapshotStatus;
}

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
    const uploadTimeoutMs =
      options.uploadTimeoutMs ??
      decodeOptions(['uploadTimeout'], { uploadTimeout: world.env.SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT })
        .uploadTimeout;
    const allImageFileNames = await readImageNames({
      names: options.allImageFileNames,
      file: options.allImageFileNamesFile && resolve(world.cwd, options.allImageFileNamesFile),
    });
    const result = await uploadSnapshot(
      {
        ...connection,
        path: resolve(world.cwd, options.path),
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
          hashing: options.hashing,
        }),
      },
      world,
    );
    // Judging changes or a missing base needs the comparison's answer.
    const wait = options.wait === true || options.failOnChanges === true || options.requireBase === true;
    if (!wait || result.artifactId === null) return result;
    options.onUploaded?.(result);
    try {
      const comparison = await readSnapshotStatus({
        ...options,
        ...connection,
        artifactId: result.artifactId,
        wait: true,
        timeoutMs: options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS,
        failOnChanges: options.failOnChanges === true,
      });
      const failure = comparison.failure && withUpload(comparison.failure, result);
      return { ...result, comparison: { ...comparison, failure } };
    } catch (error) {
      throw isSnapshotsError(error) ? withUpload(error, result) : error;
    }
  });
}

/** An error after the upload, carrying it, so a caller keeps the artifact id and URL. */
function withUpload(error: SnapshotsError, upload: UploadResult): SnapshotsError {
  return new SnapshotsError(error.code, error.message, {
    cause: error,
    ...(error.hint === undefined ? {} : { hint: error.hint }),
    ...(error.option === undefined ? {} : { option: error.option }),
    ...(error.status === undefined ? {} : { status: error.status }),
    details: { ...error.details, upload },
  });
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
