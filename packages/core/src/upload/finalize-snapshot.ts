import { SnapshotsError } from '../errors.js';
import { createObjectStoreClient, createSentryClient } from '../http/index.js';
import { objectScope } from '../http/object-path.js';
import type { ProgressListener } from '../progress.js';
import { shownValue } from '../schemas/shown-value.js';
import type { UploadResult } from '../schemas/upload-result.js';
import { type MergedShards, mergeShards } from '../shards/merge-shards.js';
import { readShards } from '../shards/read-shards.js';
import { compareCodeUnits } from '../text/compare-code-units.js';
import type { World } from '../world.js';
import { buildManifest } from './build-manifest.js';
import { createPhaseTimer } from './phase-timer.js';
import { withUploadDeadline } from './upload-deadline.js';

export interface FinalizeSnapshotOptions {
  /** Shard files, or folders holding them. Relative paths resolve against `world.cwd`. */
  shards: readonly string[];
  /** Refuse unless exactly this many distinct shards are found. */
  expectShards?: number | undefined;
  /** Restated: must be the shards' own app id. */
  appId?: string | undefined;
  org: string;
  project: string;
  url: string;
  authToken: string;
  headers?: Record<string, string> | undefined;
  /** Added to the shards' own full name lists; makes the snapshot selective. */
  allImageFileNames?: string[] | undefined;
  concurrency?: number | undefined;
  timeoutMs?: number | undefined;
  onProgress?: ProgressListener | undefined;
}

/** Missing objects named in the message before "and N more"; all are in the details, up to a bound. */
const NAMED_MISSING = 5;
const MAX_DETAILED_MISSING = 100;

/**
 * Makes one snapshot of the shards that uploads with a shard file stored: reads and merges them
 * (they must agree), checks with the object store that every object of every shard is there
 * (storing nothing), then creates the snapshot. Nothing is created when any check fails, and the
 * snapshot depends only on the shards, so running it again gives the same manifest.
 */
export function finalizeSnapshot(options: FinalizeSnapshotOptions, world: World): Promise<UploadResult> {
  return withUploadDeadline(options.timeoutMs, world, (bounded) => runFinalize(options, bounded));
}

async function runFinalize(options: FinalizeSnapshotOptions, world: World): Promise<UploadResult> {
  const timer = createPhaseTimer(world.clock);
  const emit: ProgressListener = options.onProgress ?? (() => {});
  // Local files first: a missing or odd shard fails before any request.
  const merged = await timer.time('discover', async () =>
    mergeShards(await readShards(options.shards, world.cwd), {
      expectShards: options.expectShards,
      appId: options.appId,
    }),
  );
  emit({ phase: 'discover', done: merged.images.length, total: merged.images.length, bytes: 0 });
  const manifest = buildManifest({
    appId: merged.appId,
    images: merged.images,
    diffThreshold: merged.diffThreshold,
    selective: merged.selective,
    allImageFileNames: namesUnion(merged.allImageFileNames, options.allImageFileNames),
    vcs: merged.vcs,
  });

  const sentry = createSentryClient(
    { url: options.url, authToken: options.authToken, headers: options.headers },
    world,
  );
  const storeOptions = await sentry.getUploadOptions(options.org, options.project);
  const scope = objectScope(storeOptions.scopes);
  if (scope !== merged.objectScope) {
    throw new SnapshotsError(
      'SHARDS_DISAGREE',
      `The shards stored their objects for org/project ${shownValue(merged.objectScope)} (${shownValue(merged.org)}, ${shownValue(merged.project)}), but this step targets ${scope} (${options.org}, ${options.project}).`,
      {
        option: 'project',
        hint: `Finalize with the org and project the shards were uploaded to (${shownValue(merged.org)}, ${shownValue(merged.project)}).`,
        details: { shards: merged.objectScope, target: scope },
      },
    );
  }
  const store = createObjectStoreClient(
    {
      options: storeOptions,
      refresh: () => sentry.getUploadOptions(options.org, options.project),
      concurrency: options.concurrency,
      headers: options.headers,
    },
    world,
  );
  const hashes = [...new Set(merged.images.map((image) => image.metadata.content_hash))];
  emit({ phase: 'check', done: 0, total: hashes.length, bytes: 0 });
  const missing = await timer.time('check', () =>
    store.findMissing(
      hashes,
      (done, total) => {
        emit({ phase: 'check', done, total, bytes: 0 });
      },
      { failuresThrow: true },
    ),
  );
  if (missing.size > 0) throw objectsMissing(missing, merged);

  emit({ phase: 'create', done: 0, total: 1, bytes: 0 });
  const created = await timer.time('create', () =>
    sentry.createSnapshot(options.org, options.project, manifest),
  );
  emit({ phase: 'create', done: 1, total: 1, bytes: 0 });
  return {
    artifactId: created.artifactId,
    snapshotUrl: created.snapshotUrl ?? null,
    org: options.org,
    project: options.project,
    appId: merged.appId,
    dryRun: false,
    images: {
      count: merged.images.length,
      skipped: 0,
      uniqueObjects: hashes.length,
      skippedFiles: [],
      ignoredSidecars: [],
    },
    objects: {
      stored: 0,
      reused: hashes.length,
      bytesSent: store.stats.bytesSent + sentry.stats.bytesSent,
      requests: store.stats.requests + sentry.stats.requests,
    },
    timings: timer.finish(),
    vcs: merged.vcs,
    warnings: merged.warnings,
    shards: { count: merged.shardCount, files: merged.files },
  };
}

function namesUnion(shards: string[] | undefined, given: string[] | undefined): string[] | undefined {
  if (given === undefined) return shards;
  return [...new Set([...(shards ?? []), ...given])].sort(compareCodeUnits);
}

function objectsMissing(missing: ReadonlySet<string>, merged: MergedShards): SnapshotsError {
  const lost = merged.images.filter((image) => missing.has(image.metadata.content_hash));
  const files = [...new Set(lost.map((image) => image.file))].sort();
  const named = lost.slice(0, NAMED_MISSING).map((image) => `${shownValue(image.key)} (${image.file})`);
  const more = lost.length - named.length;
  return new SnapshotsError(
    'SHARD_OBJECTS_MISSING',
    `${lost.length} image${lost.length === 1 ? ' is' : 's are'} not in Sentry's object store: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. No snapshot was created.`,
    {
      hint: `Rerun the upload of ${files.length === 1 ? 'the shard that wrote' : 'the shards that wrote'} ${files.join(', ')} (its objects were not stored, or expired), then finalize again.`,
      details: {
        files,
        missing: lost.slice(0, MAX_DETAILED_MISSING).map((image) => ({
          name: image.key,
          contentHash: image.metadata.content_hash,
          file: image.file,
        })),
        missingCount: lost.length,
      },
    },
  );
}
