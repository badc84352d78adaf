import { join } from 'node:path';
import type { SnapshotManifest } from '@sentry-snapshots/core/contract';
import { readJsonRecords } from './read-json-records.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface SnapshotRecord {
  id: number;
  metricsId: number;
  orgId: number;
  projectId: number;
  manifest: SnapshotManifest;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/** Snapshots as one JSON file each under `snapshots/`, indexed in memory at start. */
export class SnapshotStorage {
  readonly #dir: string;
  readonly #records = new Map<number, SnapshotRecord>();
  #creating: Promise<unknown> = Promise.resolve();

  private constructor(dataDir: string) {
    this.#dir = join(dataDir, 'snapshots');
  }

  static async open(dataDir: string): Promise<SnapshotStorage> {
    const storage = new SnapshotStorage(dataDir);
    for (const record of await readJsonRecords<SnapshotRecord>(storage.#dir))
      storage.#records.set(record.id, record);
    return storage;
  }

  /**
   * Stores a new snapshot whole or not at all: it is listed, and its id taken, only once its file
   * is on disk. Creations run one at a time, so a failed one leaves its id to the next.
   */
  create(fields: Omit<SnapshotRecord, 'id' | 'metricsId'>): Promise<SnapshotRecord> {
    const created = this.#creating
      .catch(() => {})
      .then(async () => {
        const id = this.#nextId((record) => record.id, 1);
        // Metrics ids live in their own range, as on Sentry, so a client mixing them up fails.
        const metricsId = this.#nextId((record) => record.metricsId, 1000);
        const record = { id, metricsId, ...fields };
        await writeFileAtomically(join(this.#dir, `${id}.json`), JSON.stringify(record), { flush: true });
        this.#records.set(id, record);
        return record;
      });
    this.#creating = created;
    return created;
  }

  get(id: number): SnapshotRecord | undefined {
    return this.#records.get(id);
  }

  /** Newest first. */
  list(): SnapshotRecord[] {
    return [...this.#records.values()].sort((a, b) => b.id - a.id);
  }

  #nextId(idOf: (record: SnapshotRecord) => number, first: number): number {
    let max = first - 1;
    for (const record of this.#records.values()) max = Math.max(max, idOf(record));
    return max + 1;
  }
}
