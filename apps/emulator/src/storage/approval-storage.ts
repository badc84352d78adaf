import { join } from 'node:path';
import { readJsonRecords } from './read-json-records.js';
import { writeFileAtomically } from './write-file-atomically.js';

/** A reviewer's approval of a snapshot's changes. */
export interface ApprovalRecord {
  snapshotId: number;
  /** Milliseconds since the epoch. */
  approvedAt: number;
}

/** Approvals as one JSON file per snapshot under `approvals/`, indexed in memory at start. */
export class ApprovalStorage {
  readonly #dir: string;
  readonly #records = new Map<number, ApprovalRecord>();
  readonly #writes = new Map<number, Promise<void>>();

  private constructor(dataDir: string) {
    this.#dir = join(dataDir, 'approvals');
  }

  static async open(dataDir: string): Promise<ApprovalStorage> {
    const storage = new ApprovalStorage(dataDir);
    for (const record of await readJsonRecords<ApprovalRecord>(storage.#dir))
      storage.#records.set(record.snapshotId, record);
    return storage;
  }

  get(snapshotId: number): ApprovalRecord | undefined {
    return this.#records.get(snapshotId);
  }

  /** On disk before it resolves; `false` when the snapshot was approved already. */
  async approve(snapshotId: number, approvedAt: number): Promise<boolean> {
    const pending = this.#writes.get(snapshotId);
    if (pending) {
      // A concurrent approval of the same snapshot: answer once its record is on disk.
      await pending;
      return false;
    }
    if (this.#records.has(snapshotId)) return false;
    const record: ApprovalRecord = { snapshotId, approvedAt };
    const write = writeFileAtomically(join(this.#dir, `${snapshotId}.json`), JSON.stringify(record));
    this.#writes.set(snapshotId, write);
    try {
      await write;
      this.#records.set(snapshotId, record);
      return true;
    } finally {
      this.#writes.delete(snapshotId);
    }
  }
}
