import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileDigest } from './digest-file.js';
import { type DigestOutcome, digestOutcome, unwrapOutcome } from './digest-outcome.js';
import { type DiscoverImagesResult, discoverImagesSync } from './discover-images.js';
import type { HashWorkerData } from './hash-worker.js';
import type { ImageHead } from './image-head.js';

type Digest = FileDigest<ImageHead>;
/** Reads one file on the calling thread: the caller's own, so this module loads no image code. */
export type DigestFile = (path: string) => Digest;

/**
 * A folder's images found, and their hashing under way on worker threads. The thread that reads
 * the entries joins in through `take`: every image is read once, by whichever thread claims it
 * first from a shared counter.
 */
export interface ImageHashing {
  /** The folder, as given (resolved by the caller). */
  readonly root: string;
  readonly found: DiscoverImagesResult;
  /**
   * The digest of `found.images[index]`: at once when it is done (or is claimed now and read on
   * this thread), a promise while a worker reads it. Throws what reading the file threw.
   */
  take(index: number, digestHere: DigestFile): Digest | Promise<Digest>;
  /** No more files are claimed; workers end after the file at hand. Safe to call more than once. */
  stop(): void;
  /** Files read so far on the calling thread and answered by workers: each file counts once. */
  reads(): { here: number; workers: number };
}

export interface StartImageHashingOptions {
  /** Worker threads; default one per core but this one, none for a few images. */
  threads?: number | undefined;
  /** A module exporting `runHashWorker` (the built `hash-worker.mjs` beside this code by default). */
  workerModule?: URL | undefined;
  /** Stops the folder's walk. */
  signal?: AbortSignal | undefined;
}

/** Under this many images a worker's start-up (tens of milliseconds) costs more than it saves. */
const MIN_IMAGES_FOR_WORKERS = 64;

// Started from source text, so the worker runs the module by its URL whatever bundled this file.
const workerSource = `
const { workerData } = require('node:worker_threads');
import(workerData.module).then((hashWorker) => hashWorker.runHashWorker());
`;

function defaultThreads(images: number): number {
  return images < MIN_IMAGES_FOR_WORKERS ? 0 : Math.max(0, availableParallelism() - 1);
}

/**
 * Finds the images under `root` (as `discoverImages` does, and throwing what it throws) and starts
 * hashing them on worker threads. A worker that cannot start or dies leaves its files to the
 * thread that calls `take`.
 */
export function startImageHashing(root: string, options: StartImageHashingOptions = {}): ImageHashing {
  const found = discoverImagesSync(root, options.signal ? { signal: options.signal } : {});
  return hashFoundImages(root, found, options);
}

/**
 * Starts hashing images already found (several folders' at once, say) on worker threads; `root`
 * names what was searched.
 */
export function hashFoundImages(
  root: string,
  found: DiscoverImagesResult,
  options: StartImageHashingOptions = {},
): ImageHashing {
  const paths = found.images.map((image) => image.path);
  const claims = new Int32Array(new SharedArrayBuffer(4 * (2 + paths.length)));
  const results = new Map<number, DigestOutcome>();
  const dead = new Set<number>();
  const counts = { here: 0, workers: 0 };
  let waiting: { index: number; wake: () => void } | undefined;

  const moduleUrl = options.workerModule ?? new URL('./hash-worker.mjs', import.meta.url);
  // A bundle without the worker's file (the action's single file) hashes on this thread alone,
  // rather than start workers that can only fail.
  const workable = moduleUrl.protocol !== 'file:' || existsSync(moduleUrl);
  const threads = workable ? Math.min(options.threads ?? defaultThreads(paths.length), paths.length) : 0;
  const workers: Worker[] = [];
  const module = moduleUrl.href;
  for (let id = 1; id <= threads; id++) {
    const workerData: HashWorkerData & { module: string } = { paths, claims: claims.buffer, id, module };
    const worker = new Worker(workerSource, { eval: true, workerData });
    worker.on('message', (batch: DigestOutcome[]) => {
      for (const outcome of batch) results.set(outcome.index, outcome);
      counts.workers += batch.length;
      if (waiting && results.has(waiting.index)) waiting.wake();
    });
    // Files it claimed and did not answer go to the calling thread.
    const end = () => {
      dead.add(id);
      waiting?.wake();
    };
    worker.on('error', end);
    worker.on('exit', end);
    workers.push(worker);
  }

  const orphaned = (index: number) => {
    const owner = Atomics.load(claims, 2 + index);
    return (owner !== 0 && dead.has(owner)) || dead.size === workers.length;
  };

  const readHere = (index: number, digestHere: DigestFile): DigestOutcome => {
    counts.here += 1;
    return digestOutcome(digestHere, paths[index]!, index);
  };

  function take(index: number, digestHere: DigestFile): Digest | Promise<Digest> {
    for (;;) {
      const done = results.get(index);
      if (done) {
        results.delete(index);
        Atomics.store(claims, 1, index + 1);
        Atomics.notify(claims, 1);
        return unwrapOutcome(done);
      }
      const claimed = Atomics.add(claims, 0, 1);
      if (claimed < paths.length) {
        results.set(claimed, readHere(claimed, digestHere));
        continue;
      }
      // Every file is claimed and this one is on a worker: wait for its answer (or its end).
      if (orphaned(index)) return unwrapOutcome(readHere(index, digestHere));
      return new Promise<void>((wake) => {
        waiting = { index, wake };
      }).then(() => {
        waiting = undefined;
        return take(index, digestHere);
      });
    }
  }

  return {
    root,
    found,
    take,
    stop() {
      Atomics.store(claims, 0, paths.length);
    },
    reads: () => ({ ...counts }),
  };
}
