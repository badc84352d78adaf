import { readFileSync } from 'node:fs';
import type { ObjectStoreClient, StoreObject } from '../http/index.js';
import type { ImageEntry } from '../images/index.js';
import type { ProgressListener } from '../progress.js';

export interface ObjectSyncOptions {
  store: Promise<ObjectStoreClient>;
  /** Check only: nothing is stored. */
  dryRun: boolean;
  /** Hashes per existence check; a full batch by default. */
  chunkSize?: number;
  /** Objects added but not yet known stored past which `room()` holds the producer back. */
  maxUnsettled?: number;
  onProgress: ProgressListener;
  /** Called once with the first failure, so the caller can stop work that would be wasted. */
  onFailure?: (error: unknown) => void;
}

export interface ObjectSyncResult {
  /** Distinct objects seen. */
  objects: number;
  /** Stored, or on a dry run would have been. */
  stored: number;
  reused: number;
  bytesSent: number;
  /** Requests made to the object store. */
  requests: number;
}

export interface ObjectSync {
  /** One image as soon as it is hashed; a full chunk of new objects starts its check at once. */
  add(entry: ImageEntry): void;
  /** No more entries: the last, partial chunk starts its check, so every total is final. */
  end(): void;
  /** Resolves when the objects not yet known stored are few enough to add more (or on failure). */
  room(): Promise<void>;
  /** Checks what is left; resolves when every missing object's check has answered. */
  checked(): Promise<void>;
  /** Resolves when every missing object is stored. */
  stored(): Promise<ObjectSyncResult>;
}

const DEFAULT_CHUNK_SIZE = 1000;
/**
 * Four chunks: enough queued work for every store request in flight. Without a bound, hashing ran
 * far ahead of a cold upload's stores and the queued objects drove the peak RSS up (measured in the
 * bench, bench/results/latest.md).
 */
const DEFAULT_MAX_UNSETTLED = 4 * DEFAULT_CHUNK_SIZE;

/**
 * Checks and stores objects while images are still being hashed: each chunk of new hashes is
 * checked as soon as it fills, and its missing objects are stored as soon as the check answers.
 * Only hashes and paths are held, never bytes; identical bytes are one object.
 */
export function createObjectSync(options: ObjectSyncOptions): ObjectSync {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  // Two chunks at least: then a full one is always in flight when the producer waits.
  const maxUnsettled = Math.max(2 * chunkSize, options.maxUnsettled ?? DEFAULT_MAX_UNSETTLED);
  const seen = new Set<string>();
  let unsettled = 0;
  let waiting: (() => void)[] = [];
  const settle = (count: number) => {
    unsettled -= count;
    if (unsettled >= maxUnsettled && !failed) return;
    for (const resume of waiting) resume();
    waiting = [];
  };
  let pending: ImageEntry[] = [];
  const checks: Promise<unknown>[] = [];
  const stores: Promise<unknown>[] = [];
  const counts = { checked: 0, toCheck: 0, stored: 0, toStore: 0, reused: 0, missing: 0, bytesSent: 0 };
  let failed = false;
  // Its failure surfaces from stored() even when no image ever needed a check.
  options.store.catch(() => {});

  const fail = (error: unknown) => {
    if (!failed) options.onFailure?.(error);
    failed = true;
    settle(0);
    throw error;
  };

  // Also sent whenever a total grows, so the newest event of a phase always has the current total.
  const reportCheck = () =>
    options.onProgress({ phase: 'check', done: counts.checked, total: counts.toCheck, bytes: 0 });
  const reportStore = () =>
    options.onProgress({
      phase: 'store',
      done: counts.stored,
      total: counts.toStore,
      bytes: counts.bytesSent,
    });

  async function check(chunk: ImageEntry[]): Promise<StoreObject[]> {
    const store = await options.store;
    const missing = await store.findMissing(
      chunk.map((entry) => entry.contentHash),
      () => {
        counts.checked += 1;
        reportCheck();
      },
    );
    counts.reused += chunk.length - missing.size;
    counts.missing += missing.size;
    settle(options.dryRun ? chunk.length : chunk.length - missing.size);
    if (options.dryRun) return [];
    const objects = chunk
      .filter((entry) => missing.has(entry.contentHash))
      // Read synchronously when its part is sent: the promise API's four thread-pool round trips
      // per file cost more than the read of a screenshot.
      .map((entry) => ({
        hash: entry.contentHash,
        size: entry.size,
        read: async () => readFileSync(entry.path),
      }));
    if (objects.length > 0) {
      counts.toStore += objects.length;
      reportStore();
    }
    return objects;
  }

  async function storeAll(objects: StoreObject[]): Promise<void> {
    if (objects.length === 0) return;
    const store = await options.store;
    let sentByThisCall = 0;
    let settledByThisCall = 0;
    await store.store(objects, (_done, _total, bytes) => {
      counts.stored += 1;
      settledByThisCall += 1;
      settle(1);
      counts.bytesSent += bytes - sentByThisCall;
      sentByThisCall = bytes;
      options.onProgress({
        phase: 'store',
        done: counts.stored,
        total: counts.toStore,
        bytes: counts.bytesSent,
      });
    });
    // Whatever the store did not report one by one is stored too: a held-back producer must not wait on it.
    settle(objects.length - settledByThisCall);
  }

  function flush(): void {
    if (pending.length === 0) return;
    const chunk = pending;
    pending = [];
    counts.toCheck += chunk.length;
    reportCheck();
    const checking = check(chunk).catch(fail);
    const storing = checking.then(storeAll).catch(fail);
    // Kept as done or failed only: the lists they resolve with would hold every object to the end.
    const checked = checking.then(() => {});
    // Failures surface through checked() and stored(); these keep the rest from going unhandled.
    checked.catch(() => {});
    storing.catch(() => {});
    checks.push(checked);
    stores.push(storing);
  }

  return {
    add(entry) {
      if (seen.has(entry.contentHash)) return;
      seen.add(entry.contentHash);
      unsettled += 1;
      pending.push(entry);
      if (pending.length >= chunkSize) flush();
    },
    end: flush,
    room() {
      if (unsettled < maxUnsettled || failed) return Promise.resolve();
      return new Promise((resolve) => waiting.push(resolve));
    },
    async checked() {
      flush();
      await Promise.all(checks);
    },
    async stored() {
      flush();
      await Promise.all(stores);
      const store = await options.store;
      return {
        objects: seen.size,
        stored: options.dryRun ? counts.missing : counts.stored,
        reused: counts.reused,
        bytesSent: counts.bytesSent,
        requests: store.stats.requests,
      };
    },
  };
}
