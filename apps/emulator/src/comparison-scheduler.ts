import { createHash } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { setImmediate } from 'node:timers/promises';
import type { Logger } from '@sentry-snapshots/core';
import { compareSnapshots, type ImageSide } from '@sentry-snapshots/core/contract';
import PQueue from 'p-queue';
import { findBase, isBaseOf, wantsBase } from './match-base.js';
import { toWireComparison } from './snapshot-view.js';
import type { ComparisonRecord, ComparisonStorage } from './storage/comparison-storage.js';
import { imageObjectId } from './storage/image-object-id.js';
import type { ObjectStorage } from './storage/object-storage.js';
import type { SnapshotRecord, SnapshotStorage } from './storage/snapshot-storage.js';

/** What a pair whose object is missing reports, as Sentry does. */
export const imageFetchFailed = 'image_fetch_failed';

/** Comparisons run beside request handling, at most this many at once. */
const concurrentComparisons = 2;

/**
 * Finds each head's base and compares them in the background with core's engine, at its default
 * options so the result agrees with `sentry-snapshots diff`. Records survive a restart, and one a
 * restart interrupted runs again.
 */
export class ComparisonScheduler {
  readonly #snapshots: SnapshotStorage;
  readonly #objects: ObjectStorage;
  readonly #comparisons: ComparisonStorage;
  readonly #logger: Logger;
  readonly #queue = new PQueue({ concurrency: concurrentComparisons });
  readonly #stop = new AbortController();

  constructor(
    snapshots: SnapshotStorage,
    objects: ObjectStorage,
    comparisons: ComparisonStorage,
    logger: Logger,
  ) {
    this.#snapshots = snapshots;
    this.#objects = objects;
    this.#comparisons = comparisons;
    this.#logger = logger;
  }

  get(headId: number): ComparisonRecord | undefined {
    return this.#comparisons.get(headId);
  }

  /** Reruns what a stop interrupted, and starts what was stored without its comparison. */
  resume(): void {
    for (const record of this.#comparisons.all()) {
      if (record.state === 'pending' || record.state === 'processing')
        this.#enqueue(record.headId, record.baseId);
    }
    for (const snapshot of this.#snapshots.list()) this.#startAsHead(snapshot);
  }

  /** A new snapshot is a head looking for its base, and maybe the base other heads wait for. */
  onCreated(snapshot: SnapshotRecord): void {
    this.#startAsHead(snapshot);
    for (const head of this.#snapshots.list()) {
      if (!this.#comparisons.get(head.id) && isBaseOf(snapshot, head)) this.#start(head.id, snapshot.id);
    }
  }

  /** Resolves when no comparison is queued or running and every record is on disk. */
  async settle(): Promise<void> {
    await this.#queue.onIdle();
    await this.#comparisons.flush();
  }

  /** Stops running comparisons without recording an outcome: the next start reruns them. */
  async close(): Promise<void> {
    this.#queue.clear();
    this.#stop.abort();
    await this.settle();
  }

  #startAsHead(head: SnapshotRecord): void {
    if (!wantsBase(head) || this.#comparisons.get(head.id)) return;
    const base = findBase(this.#snapshots.list(), head);
    if (base) this.#start(head.id, base.id);
  }

  #start(headId: number, baseId: number): void {
    this.#save({ headId, baseId, state: 'pending', errorMessage: null, result: null });
    this.#enqueue(headId, baseId);
  }

  #enqueue(headId: number, baseId: number): void {
    void this.#queue.add(async () => {
      // The upload's answer goes out before the comparison's first synchronous stretch.
      await setImmediate();
      await this.#run(headId, baseId);
    });
  }

  async #run(headId: number, baseId: number): Promise<void> {
    const head = this.#snapshots.get(headId);
    const base = this.#snapshots.get(baseId);
    const failed = (message: string) =>
      this.#save({ headId, baseId, state: 'failed', errorMessage: message, result: null });
    if (!head || !base) {
      failed('The base or head snapshot no longer exists.');
      return;
    }
    this.#save({ headId, baseId, state: 'processing', errorMessage: null, result: null });
    const sides = { base, head };
    try {
      const result = await compareSnapshots(
        { signal: this.#stop.signal },
        { images: base.manifest.images },
        {
          images: head.manifest.images,
          ...(head.manifest.diff_threshold === undefined
            ? {}
            : { diffThreshold: head.manifest.diff_threshold }),
          ...(head.manifest.selective ? { selective: true } : {}),
          ...(head.manifest.all_image_file_names
            ? { allImageFileNames: head.manifest.all_image_file_names }
            : {}),
        },
        {
          loadImage: (side: ImageSide, _name, image) => this.#loadImage(sides[side], image.content_hash),
          storeDiffMask: (_name, png) => this.#storeDiffMask(head, png),
        },
      );
      this.#save({
        headId,
        baseId,
        state: 'success',
        errorMessage: null,
        result: toWireComparison(result),
      });
    } catch (error) {
      if (this.#stop.signal.aborted) return;
      this.#logger.error('comparison failed', { headId, baseId, error: String(error) });
      failed((error as Error).message);
    }
  }

  async #loadImage(snapshot: SnapshotRecord, contentHash: string): Promise<Uint8Array> {
    const object = imageObjectId(snapshot, contentHash);
    if (!(await this.#objects.has(object))) throw new Error(imageFetchFailed);
    try {
      return await buffer(this.#objects.read(object));
    } catch {
      throw new Error(imageFetchFailed);
    }
  }

  /** Masks are content-addressed beside the images, so the object store serves them like one. */
  async #storeDiffMask(head: SnapshotRecord, png: Uint8Array): Promise<string> {
    const object = imageObjectId(head, createHash('sha256').update(png).digest('hex'));
    await this.#objects.writeBytes(object, png);
    return object.key;
  }

  #save(record: ComparisonRecord): void {
    this.#logger.debug('comparison state', { headId: record.headId, state: record.state });
    this.#comparisons.save(record).catch((error: unknown) => {
      this.#logger.error('comparison record not saved', { headId: record.headId, error: String(error) });
    });
  }
}
