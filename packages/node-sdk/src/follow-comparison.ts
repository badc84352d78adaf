import {
  type Connection,
  isSnapshotsError,
  type SnapshotDetail,
  SnapshotsError,
  type UploadResult,
} from '@sentry-snapshots/core';
import { DEFAULT_WAIT_TIMEOUT_MS, readSnapshotStatus, type SnapshotStatus } from './get-snapshot-status.js';
import type { WorldOptions } from './sdk-world.js';

/** How a call that created a snapshot waits for its comparison and judges it. */
export interface FollowComparisonOptions extends WorldOptions {
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
}

export interface FollowedUpload extends UploadResult {
  /** With `wait` (or `failOnChanges`) and a snapshot created: its comparison, and the gate's verdict. */
  comparison?: SnapshotStatus;
}

/**
 * Waits for the comparison of a snapshot just created, when asked to, and judges it: one way for
 * `uploadSnapshots` and `finalizeSnapshots`. An error after the snapshot exists carries the
 * upload in `details.upload`, so a caller keeps the artifact id and URL.
 */
export async function followComparison(
  result: UploadResult,
  options: FollowComparisonOptions,
  connection: Connection,
): Promise<FollowedUpload> {
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
