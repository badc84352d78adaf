export interface BatchLimits {
  maxOperations: number;
  maxBytes: number;
}

/** Below this many operations per batch, spreading work over more requests gains nothing. */
const MIN_SPREAD_OPERATIONS = 50;

/**
 * Splits items into batches within the limits, in order. Batches are also kept small enough that
 * `parallel` requests share the work, so a few thousand objects do not wait on one request.
 */
export function planBatches<T>(
  items: readonly T[],
  sizeOf: (item: T) => number,
  limits: BatchLimits,
  parallel: number,
): T[][] {
  const perBatch = Math.min(
    limits.maxOperations,
    Math.max(MIN_SPREAD_OPERATIONS, Math.ceil(items.length / Math.max(1, parallel))),
  );
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= perBatch || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
