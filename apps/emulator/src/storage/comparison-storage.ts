import { join } from 'node:path';
import type { SnapshotComparison } from '@sentry-snapshots/core/contract';
import { readJsonRecords } from './read-json-records.js';
import { writeFileAtomically } from './write-file-atomically.js';

/**
 * The states a comparison that found its base moves through (docs/sentry-api.md, "Comparison types
 * and states").
 */
export type ComparisonRunState = 'pending' | 'processing' | 'success' | 'failed';

export interface ComparisonRecord {
  headId: number;
  baseId: number;
  state: ComparisonRunState;
  errorMessage: string | null;
  /** The lists and counts in their wire shape, once the comparison succeeded. */
  result: SnapshotComparison | null;
}

/** Comparisons as one JSON file per head under `comparisons/`, indexed in memory at start. */
export class ComparisonStorage {
  readonly #dir: string;
  readonly #records = new Map<number, ComparisonRecord>();
  /** One write at a time per head, so an older state never lands over a newer one. */
  readonly #writes = new Map<number, Promise<void>>();

  private constructor(dataDir: string) {
    this.#dir = join(dataDir, 'comparisons');
  }

  static async open(dataDir: string): Promise<ComparisonStorage> {
    const storage = new ComparisonStorage(dataDir);
    for (const record of await readJsonRecords<ComparisonRecord>(storage.#dir))
      storage.#records.set(record.headId, record);
    return storage;
  }

  get(headId: number): ComparisonRecord | undefined {
    return this.#records.get(headId);
  }

  all(): ComparisonRecord[] {
    return [...this.#records.values()];
  }

  /** Visible to readers at once; on disk after the writes queued before it. */
  save(record: ComparisonRecord): Promise<void> {
    this.#records.set(record.headId, record);
    const text = JSON.stringify(record);
    const previous = this.#writes.get(record.headId) ?? Promise.resolve();
    const write = previous
      .catch(() => {})
      .then(() => writeFileAtomically(join(this.#dir, `${record.headId}.json`), text));
    this.#writes.set(record.headId, write);
    void write
      .finally(() => {
        if (this.#writes.get(record.headId) === write) this.#writes.delete(record.headId);
      })
      .catch(() => {});
    return write;
  }

  /** Resolves once every queued write has landed (or failed). */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.#writes.values()]);
  }
}
