/** What the emulator has seen; tests and the benchmark read it. */
export interface RequestStats {
  /** Requests per `"<METHOD> <route>"`, e.g. `"POST objects:batch"`. */
  requests: Record<string, number>;
  /** Batch operations per kind. */
  batchOperations: Record<string, number>;
  /** Request body bytes as received (before decompression). */
  bytesReceived: number;
  /** Object writes (PUTs and batch inserts) that succeeded. */
  objectsStored: number;
  /** `"<METHOD> <path>"` of requests no route serves. */
  unmatched: string[];
}

export function createRequestStats(): RequestStats {
  return { requests: {}, batchOperations: {}, bytesReceived: 0, objectsStored: 0, unmatched: [] };
}

export function resetRequestStats(stats: RequestStats): void {
  Object.assign(stats, createRequestStats());
}

export function countRequest(stats: RequestStats, method: string, route: string): void {
  const name = `${method} ${route}`;
  stats.requests[name] = (stats.requests[name] ?? 0) + 1;
}
