import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import { createObjectStoreClient, createSentryClient } from '../http/index.js';
import { discoverImages, type ImageEntry, readImages } from '../images/index.js';
import type { ProgressListener } from '../progress.js';
import type { UploadResult } from '../schemas/upload-result.js';
import type { VcsContext } from '../schemas/vcs-context.js';
import { type GitMetadataMode, resolveVcsContext } from '../vcs/index.js';
import type { World } from '../world.js';
import { buildManifest } from './build-manifest.js';
import { createPhaseTimer } from './phase-timer.js';

export interface UploadSnapshotOptions {
  /** The folder of screenshots. Relative paths resolve against `world.cwd`. */
  path: string;
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
  /** Parallel file reads and object-store requests. */
  concurrency?: number | undefined;
  /** Everything but the writes: images are read and existing objects checked, nothing is stored or created. */
  dryRun?: boolean | undefined;
  onProgress?: ProgressListener | undefined;
}

/**
 * Uploads a folder as one snapshot: find and hash the images, store every object the store does
 * not have yet, then create the snapshot. Every object is stored before the snapshot exists, so
 * Sentry never compares against a missing image, and a rerun after a failure finishes the job.
 */
export async function uploadSnapshot(options: UploadSnapshotOptions, world: World): Promise<UploadResult> {
  try {
    return await runUpload(options, world);
  } catch (error) {
    // Some steps (file reads, sleeps) reject with the signal's own reason: give callers one typed error.
    if (world.signal?.aborted && !isSnapshotsError(error)) {
      throw new SnapshotsError('ABORTED', 'The upload was aborted.', {
        cause: error,
        hint: 'Objects already stored stay stored: running the upload again finishes it.',
      });
    }
    throw error;
  }
}

async function runUpload(options: UploadSnapshotOptions, world: World): Promise<UploadResult> {
  const timer = createPhaseTimer(world.clock);
  const emit: ProgressListener = options.onProgress ?? (() => {});
  const { signal } = world;
  const warnings: string[] = [];

  const vcsResolution = resolveVcsContext(
    { explicit: options.vcs ?? {}, mode: options.gitMetadata ?? 'auto' },
    world,
  );
  const discovery = timer.time('discover', () =>
    discoverImages(resolve(world.cwd, options.path), { signal }),
  );
  const [vcs, found] = await Promise.all([vcsResolution, discovery]);
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

  if (!options.authToken && !options.dryRun) {
    throw new SnapshotsError('MISSING_AUTH_TOKEN', 'No auth token was given.', {
      hint: 'Pass --auth-token or set SENTRY_AUTH_TOKEN.',
    });
  }
  const sentry = options.authToken
    ? createSentryClient({ url: options.url, authToken: options.authToken, headers: options.headers }, world)
    : undefined;
  // Where to store objects does not depend on the images: ask while they are being read.
  const storeOptions = sentry?.getUploadOptions(options.org, options.project);
  storeOptions?.catch(() => {});

  const read = await timer.time('hash', () =>
    readImages(found.images, {
      concurrency: options.concurrency,
      signal,
      onProgress: (done, total, bytes) => emit({ phase: 'hash', done, total, bytes }),
    }),
  );
  warnings.push(...read.warnings);
  if (read.entries.length === 0 && options.allImageFileNames === undefined) {
    throw new SnapshotsError('NO_IMAGES', `No PNG or JPEG images were found in ${options.path}.`, {
      hint: 'Check the path; images are *.png, *.jpg and *.jpeg files, and names starting with "." are skipped.',
    });
  }
  const manifest = buildManifest({ ...manifestInput, images: read.entries });
  const objects = uniqueObjects(read.entries);

  let stored = 0;
  let reused = 0;
  let bytesSent = 0;
  let storeRequests = 0;
  if (sentry && storeOptions) {
    const store = createObjectStoreClient(
      {
        options: await storeOptions,
        refresh: () => sentry.getUploadOptions(options.org, options.project),
        concurrency: options.concurrency,
        headers: options.headers,
      },
      world,
    );
    const missing = await timer.time('check', () =>
      store.findMissing([...objects.keys()], (done, total) =>
        emit({ phase: 'check', done, total, bytes: 0 }),
      ),
    );
    reused = objects.size - missing.size;
    if (options.dryRun) {
      stored = missing.size;
    } else {
      const pending = [...missing].map((hash) => {
        const entry = objects.get(hash)!;
        return { hash, size: entry.size, read: () => readFile(entry.path) };
      });
      const outcome = await timer.time('store', () =>
        store.store(pending, (done, total, bytes) => emit({ phase: 'store', done, total, bytes })),
      );
      stored = outcome.stored;
      bytesSent = outcome.bytesSent;
    }
    storeRequests = store.stats.requests;
  } else {
    stored = objects.size;
    warnings.push('No auth token: the dry run did not check which objects Sentry already has.');
  }

  let artifactId: string | null = null;
  let snapshotUrl: string | null = null;
  if (sentry && !options.dryRun) {
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
    images: { count: read.entries.length, skipped: read.skipped.length, uniqueObjects: objects.size },
    objects: {
      stored,
      reused,
      bytesSent: bytesSent + (sentry?.stats.bytesSent ?? 0),
      requests: storeRequests + (sentry?.stats.requests ?? 0),
    },
    timings: timer.finish(),
    vcs: vcs.context,
    warnings,
    ...(options.dryRun ? { manifest } : {}),
  };
}

/** Identical bytes are one object, however many images share them. */
function uniqueObjects(entries: ImageEntry[]): Map<string, ImageEntry> {
  const objects = new Map<string, ImageEntry>();
  for (const entry of entries) if (!objects.has(entry.contentHash)) objects.set(entry.contentHash, entry);
  return objects;
}
