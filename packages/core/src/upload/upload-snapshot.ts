import { resolve } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { createObjectStoreClient, createSentryClient } from '../http/index.js';
import { objectScope } from '../http/object-path.js';
import { discoverFolders } from '../images/discover-folders.js';
import type { ImageFolder } from '../images/image-folder.js';
import { hashFoundImages, type ImageHashing, readImages } from '../images/index.js';
import type { ProgressListener } from '../progress.js';
import type { UploadResult } from '../schemas/upload-result.js';
import type { VcsContext } from '../schemas/vcs-context.js';
import { type GitMetadataMode, resolveVcsContext } from '../vcs/index.js';
import type { World } from '../world.js';
import { buildManifest } from './build-manifest.js';
import { noImagesError } from './no-images-error.js';
import { createObjectSync, type ObjectSyncResult } from './object-sync.js';
import { createOrderedProgress } from './ordered-progress.js';
import { createPhaseTimer } from './phase-timer.js';
import { strictRefusal } from './strict-refusal.js';
import { withUploadDeadline } from './upload-deadline.js';
import { writeUploadShard } from './write-upload-shard.js';

export interface UploadSnapshotOptions {
  /** The folders of screenshots, each with its name prefix. Relative paths resolve against `world.cwd`. */
  folders: readonly ImageFolder[];
  org: string;
  project: string;
  appId: string;
  /** Sentry's base URL, e.g. `https://sentry.io/`. */
  url: string;
  /** Optional on a dry run only: then existing objects are not checked. */
  authToken?: string | undefined;
  headers?: Record<string, string> | undefined;
  diffThreshold?: number | undefined;
  selective?: boolean | undefined;
  allImageFileNames?: string[] | undefined;
  /** Explicit VCS values (flags); env overrides, CI and git fill the rest in core. */
  vcs?: Partial<VcsContext> | undefined;
  gitMetadata?: GitMetadataMode | undefined;
  /** Object-store requests at once. */
  concurrency?: number | undefined;
  /** Everything but the writes: images are read and existing objects checked, nothing is stored or created. */
  dryRun?: boolean | undefined;
  /**
   * Refuse the upload, before any object is stored, when an image would be skipped or a sidecar
   * ignored; otherwise they are left out with a warning, as sentry-cli does.
   */
  strict?: boolean | undefined;
  /** The whole upload must end within this, or it stops with `TIMEOUT`; no limit unless set. */
  timeoutMs?: number | undefined;
  onProgress?: ProgressListener | undefined;
  /** Store the objects, then write this shard file instead of creating the snapshot. */
  shardOut?: string | undefined;
  /**
   * Hashing already started on the folder (`startImageHashing`), e.g. while the caller's code was
   * still loading: joined when the upload is of that one folder without a prefix, else stopped.
   */
  hashing?: ImageHashing | undefined;
}

/**
 * Uploads a folder as one snapshot: find and hash the images, store every object the store does
 * not have yet, then create the snapshot. Every object is stored before the snapshot exists, so
 * Sentry never compares against a missing image, and a rerun after a failure finishes the job.
 * With `shardOut`, the objects are stored and a shard file is written instead of the snapshot.
 */
export function uploadSnapshot(options: UploadSnapshotOptions, world: World): Promise<UploadResult> {
  return withUploadDeadline(options.timeoutMs, world, (bounded) => runUpload(options, bounded));
}

/** Hashing the upload did not use to its end stops with it, however it ends. */
async function runUpload(options: UploadSnapshotOptions, world: World): Promise<UploadResult> {
  const hashings = new Set<ImageHashing>();
  let ended = false;
  // A hashing that starts after the upload ended (it failed while the folder was being found)
  // stops at once.
  const track = (hashing: ImageHashing) => {
    if (ended) hashing.stop();
    else hashings.add(hashing);
    return hashing;
  };
  if (options.hashing) track(options.hashing);
  try {
    return await uploadFolder(options, world, track);
  } finally {
    ended = true;
    for (const hashing of hashings) hashing.stop();
  }
}

async function uploadFolder(
  options: UploadSnapshotOptions,
  world: World,
  track: (hashing: ImageHashing) => ImageHashing,
): Promise<UploadResult> {
  const timer = createPhaseTimer(world.clock);
  const emit: ProgressListener = options.onProgress ?? (() => {});
  const { signal } = world;
  const warnings: string[] = [];

  if (!options.authToken && !options.dryRun) {
    throw new SnapshotsError('MISSING_AUTH_TOKEN', 'No auth token was given.', { option: 'authToken' });
  }
  const sentry = options.authToken
    ? createSentryClient({ url: options.url, authToken: options.authToken, headers: options.headers }, world)
    : undefined;
  // Where to store objects needs no image: asked first, so a wrong token, org, project or URL fails
  // in the first round trip rather than after the folder was read.
  const storeOptions = sentry?.getUploadOptions(options.org, options.project);
  const vcsResolution = resolveVcsContext(
    { explicit: options.vcs ?? {}, mode: options.gitMetadata ?? 'auto' },
    world,
  );
  // Messages name the folders as found: one alone, several joined.
  const path = options.folders.map((folder) => resolve(world.cwd, folder.path)).join(', ');
  const [only] = options.folders;
  const plainFolder = options.folders.length === 1 && only?.prefix === undefined;
  // Hashing goes on, on worker threads, while the upload options are asked for. All three are
  // awaited together: a failure of one while another is under way is this upload's error, never
  // an unhandled rejection.
  const hashingStarted =
    plainFolder && options.hashing?.root === path
      ? options.hashing
      : timer.time('discover', async () =>
          track(
            hashFoundImages(path, await discoverFolders(options.folders, { cwd: world.cwd, signal }), {
              signal,
            }),
          ),
        );
  const [vcs, hashing] = await Promise.all([vcsResolution, hashingStarted, storeOptions]);
  const found = hashing.found;
  warnings.push(...vcs.warnings, ...found.warnings);
  emit({ phase: 'discover', done: found.images.length, total: found.images.length, bytes: 0 });

  const manifestInput = {
    appId: options.appId,
    diffThreshold: options.diffThreshold,
    selective: options.selective,
    allImageFileNames: options.allImageFileNames,
    vcs: vcs.context,
  };
  // Options and VCS fields the server would refuse stop us before any request.
  buildManifest({ ...manifestInput, images: [] });

  const stop = new AbortController();
  const work: World = {
    ...world,
    signal: signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]),
  };
  const progress = createOrderedProgress(emit, ['hash', 'check', 'store']);
  const sync =
    sentry &&
    storeOptions &&
    createObjectSync({
      store: storeOptions.then((answered) =>
        createObjectStoreClient(
          {
            options: answered,
            refresh: () => sentry.getUploadOptions(options.org, options.project),
            concurrency: options.concurrency,
            headers: options.headers,
          },
          work,
        ),
      ),
      dryRun: options.dryRun === true,
      onProgress: progress.update,
      onFailure: (error) => stop.abort(error),
    });

  // Hashing, checks and stores overlap; a failure in any stops the others' requests and reads.
  // Strict mode knows only after the last read whether the upload may go ahead: entries then go to
  // the store after it, and nothing is stored when it refuses.
  const strict = options.strict === true;
  async function hashAndSync() {
    const read = await timer.time('hash', () =>
      readImages(found.images, {
        hashing,
        signal: work.signal,
        onProgress: (done, total, bytes) => progress.update({ phase: 'hash', done, total, bytes }),
        ...(strict ? {} : { onEntry: sync?.add, waitForRoom: sync?.room }),
      }),
    );
    if (strict) {
      const refusal = strictRefusal(path, [...found.skipped, ...read.skipped], read.ignoredSidecars);
      if (refusal) throw refusal;
      if (sync) for (const entry of read.entries) sync.add(entry);
    }
    sync?.end();
    progress.complete('hash');
    warnings.push(...read.warnings);
    if (read.entries.length === 0 && options.allImageFileNames === undefined) {
      // A shard whose tests took no screenshot is still one of the shards finalize counts.
      if (options.shardOut === undefined) throw noImagesError(path, [...found.skipped, ...read.skipped]);
      warnings.push(`No images in ${path}: the shard is empty.`);
    }
    const manifest = buildManifest({ ...manifestInput, images: read.entries });

    // Checks and stores ran alongside hashing; these time only what is left after it.
    let synced: ObjectSyncResult;
    if (sync) {
      await timer.time('check', () => sync.checked());
      progress.complete('check');
      synced = await timer.time('store', () => sync.stored());
      progress.complete('store');
    } else {
      const objects = new Set(read.entries.map((entry) => entry.contentHash)).size;
      synced = { objects, stored: objects, reused: 0, bytesSent: 0, requests: 0 };
      warnings.push('No auth token: the dry run did not check which objects Sentry already has.');
    }
    return { read, manifest, synced };
  }
  const { read, manifest, synced } = await hashAndSync().catch((error: unknown) => {
    stop.abort(error);
    throw error;
  });

  let artifactId: string | null = null;
  let snapshotUrl: string | null = null;
  let shard: UploadResult['shard'];
  if (options.shardOut !== undefined && storeOptions && !options.dryRun) {
    shard = await writeUploadShard(resolve(world.cwd, options.shardOut), {
      ...options,
      objectScope: objectScope((await storeOptions).scopes),
      vcs: vcs.context,
      manifest,
    });
  } else if (sentry && !options.dryRun) {
    emit({ phase: 'create', done: 0, total: 1, bytes: 0 });
    const created = await timer.time('create', () =>
      sentry.createSnapshot(options.org, options.project, manifest),
    );
    emit({ phase: 'create', done: 1, total: 1, bytes: 0 });
    artifactId = created.artifactId;
    snapshotUrl = created.snapshotUrl ?? null;
  }

  return {
    artifactId,
    snapshotUrl,
    org: options.org,
    project: options.project,
    appId: options.appId,
    dryRun: options.dryRun === true,
    images: {
      count: read.entries.length,
      skipped: found.skipped.length + read.skipped.length,
      uniqueObjects: synced.objects,
      skippedFiles: [...found.skipped, ...read.skipped].map(({ key, reason }) => ({ name: key, reason })),
      ignoredSidecars: read.ignoredSidecars.map(({ key, reason }) => ({ name: key, reason })),
    },
    objects: {
      stored: synced.stored,
      reused: synced.reused,
      bytesSent: synced.bytesSent + (sentry?.stats.bytesSent ?? 0),
      requests: synced.requests + (sentry?.stats.requests ?? 0),
    },
    timings: timer.finish(),
    vcs: vcs.context,
    warnings,
    ...(options.dryRun ? { manifest } : {}),
    ...(shard ? { shard } : {}),
  };
}
