import { resolve } from 'node:path';
import {
  type ProgressEvent,
  resolveConnection,
  SnapshotsError,
  type UploadResult,
  uploadSnapshot,
  type VcsContext,
} from '@sentry-snapshots/core';
import { createSdkWorld, type WorldOptions } from './sdk-world.js';

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
  /** Explicit VCS fields; they win over what CI and git say. */
  vcs?: Partial<VcsContext>;
  /** `auto` (default): read git and CI only in CI; `force`: always; `off`: never. */
  gitMetadata?: 'auto' | 'force' | 'off';
  /** How many requests to the object store are in flight at once (default 8). */
  concurrency?: number;
  /** Do everything but the writes; the result carries the manifest that would be sent. */
  dryRun?: boolean;
  /**
   * The whole upload must end within this many ms, or it stops with `TIMEOUT` (objects already
   * stored stay stored: a rerun finishes it). No limit unless set.
   */
  timeoutMs?: number;
  onProgress?: (event: ProgressEvent) => void;
  /** Aborts the upload; objects already stored stay stored, so a rerun finishes quickly. */
  signal?: AbortSignal;
}

/**
 * Uploads a folder of screenshots as a Sentry snapshot: stores every image the object store
 * lacks, then creates the snapshot. Throws a `SnapshotsError` (see `isSnapshotsError`).
 */
export async function uploadSnapshots(options: UploadSnapshotsOptions): Promise<UploadResult> {
  const world = createSdkWorld(options);
  const connection = resolveConnection(options, world.env, { tokenOptional: options.dryRun === true });
  const appId = options.appId?.trim();
  if (!appId) {
    throw new SnapshotsError('MISSING_APP_ID', 'No app id was given.', {
      hint: 'Pass --app-id (CLI) or the appId option (SDK): a stable name for the app, e.g. "web" or "com.example.ios".',
    });
  }
  return await uploadSnapshot(
    {
      ...connection,
      path: resolve(world.cwd, options.path),
      appId,
      ...definedOnly({
        headers: options.headers,
        diffThreshold: options.diffThreshold,
        selective: options.selective,
        allImageFileNames: options.allImageFileNames,
        vcs: options.vcs,
        gitMetadata: options.gitMetadata,
        concurrency: options.concurrency,
        dryRun: options.dryRun,
        timeoutMs: options.timeoutMs,
        onProgress: options.onProgress,
      }),
    },
    world,
  );
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
