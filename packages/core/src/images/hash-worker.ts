import { parentPort, workerData } from 'node:worker_threads';
import { createFileDigester } from './digest-file.js';
import { type DigestOutcome, digestOutcome } from './digest-outcome.js';
import { readImageHead } from './image-head.js';

/** What a hash worker is started with. */
export interface HashWorkerData {
  paths: string[];
  /**
   * `Int32Array` over it: [0] is the next index to claim, shared by every thread hashing the list,
   * so no file is read twice; [1] is how far the reading thread has taken answers; [2 + i] is the
   * id of the worker that claimed image i (0: none yet).
   */
  claims: SharedArrayBuffer;
  id: number;
}

/** Results go back in batches: one message per file cost more than hashing a small one. */
const BATCH_FILES = 32;
const BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Claims stop this far ahead of the answers taken: answers waiting in the reading thread are
 * memory, and with many small images a worker ran tens of thousands ahead.
 */
export const MAX_AHEAD = 2048;

/**
 * The body of a hash worker (`startImageHashing` starts them): claims images from the shared
 * counter until none is left, and posts each digest back.
 */
export function runHashWorker(): void {
  const { paths, claims, id } = workerData as HashWorkerData;
  const shared = new Int32Array(claims);
  const digest = createFileDigester(readImageHead);
  let batch: DigestOutcome[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length > 0) parentPort?.postMessage(batch);
    batch = [];
    batchBytes = 0;
  };
  for (;;) {
    const next = Atomics.load(shared, 0);
    if (next >= paths.length) break;
    const taken = Atomics.load(shared, 1);
    if (next - taken > MAX_AHEAD) {
      flush();
      // Woken when answers are taken; the timeout re-checks in case the list was stopped.
      Atomics.wait(shared, 1, taken, 100);
      continue;
    }
    const index = Atomics.add(shared, 0, 1);
    if (index >= paths.length) break;
    Atomics.store(shared, 2 + index, id);
    const outcome = digestOutcome(digest, paths[index]!, index);
    batch.push(outcome);
    batchBytes += 'digest' in outcome ? outcome.digest.size : 0;
    if (batch.length >= BATCH_FILES || batchBytes >= BATCH_BYTES) flush();
  }
  flush();
}
