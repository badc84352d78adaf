import { finalizeSnapshot, type ProgressEvent, resolveConnection } from '@sentry-snapshots/core';
import { type FollowComparisonOptions, type FollowedUpload, followComparison } from './follow-comparison.js';
import { createSdkWorld, withSdkSpelling } from './sdk-world.js';
import { resolveUploadInputs } from './upload-inputs.js';

export interface FinalizeSnapshotsOptions extends FollowComparisonOptions {
  /** The shard files that `uploadSnapshots({ shardOut })` wrote, or folders holding them (relative to `cwd`). */
  shards: string | readonly string[];
  /**
   * Refuse (`SHARD_COUNT_MISMATCH`), creating nothing, unless exactly this many distinct shards are
   * found: a shard job that failed, or whose file was not passed on, is caught here.
   */
  expectShards?: number;
  /** Optional: it comes from the shards; given, it must be theirs (`SHARDS_DISAGREE`). */
  appId?: string;
  /** Default: `SENTRY_ORG`, then the org named by an org auth token. The shards' own, as for upload. */
  org?: string;
  /** Default: `SENTRY_PROJECT`. */
  project?: string;
  /** Default: `SENTRY_AUTH_TOKEN`. */
  authToken?: string;
  /** Default: `SENTRY_URL`, then the URL named by an org auth token, then `https://sentry.io/`. */
  url?: string;
  headers?: Record<string, string>;
  /** Every image name of the full suite, added to the shards' own lists; makes the snapshot selective. */
  allImageFileNames?: string[];
  /** The same, from a file with one name per line (relative to `cwd`). */
  allImageFileNamesFile?: string;
  /** Object-store requests in flight at once while checking (default 8). */
  concurrency?: number;
  /** Finalizing must end within this many ms (`TIMEOUT`); default `SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT`. */
  uploadTimeoutMs?: number;
  onProgress?: (event: ProgressEvent) => void;
}

export type FinalizeSnapshotsResult = FollowedUpload;

/**
 * Makes one snapshot of the shards that sharded uploads wrote: reads them, checks that they agree
 * (app id, project, options, VCS context; no image name with two contents; `expectShards`), checks
 * with the object store that every object is stored (storing nothing), then creates the snapshot,
 * and with `wait` waits for its comparison as `uploadSnapshots` does. Nothing is created when a
 * check fails; the same shards give the same manifest, in any order and on any rerun.
 */
export function finalizeSnapshots(options: FinalizeSnapshotsOptions): Promise<FinalizeSnapshotsResult> {
  return withSdkSpelling(async () => {
    const world = createSdkWorld(options);
    const connection = resolveConnection(options, world.env);
    const { uploadTimeoutMs, allImageFileNames } = await resolveUploadInputs(options, world);
    const appId = options.appId?.trim();
    const result = await finalizeSnapshot(
      {
        ...connection,
        authToken: connection.authToken ?? '',
        shards: typeof options.shards === 'string' ? [options.shards] : options.shards,
        expectShards: options.expectShards,
        appId: appId || undefined,
        headers: options.headers,
        allImageFileNames,
        concurrency: options.concurrency,
        timeoutMs: uploadTimeoutMs || undefined,
        onProgress: options.onProgress,
      },
      world,
    );
    return followComparison(result, options, connection);
  });
}
