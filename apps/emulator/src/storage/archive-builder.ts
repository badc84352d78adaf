import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';
import type { ObjectId } from './object-key.js';
import type { ObjectStorage } from './object-storage.js';
import { temporaryPathFor } from './write-file-atomically.js';

export interface ArchiveEntry {
  name: string;
  object: ObjectId;
}

/** Zips a snapshot's images into `archives/{id}.zip` in the background, one build per id at a time. */
export class ArchiveBuilder {
  readonly #dir: string;
  readonly #objects: ObjectStorage;
  readonly #building = new Map<number, Promise<void>>();

  constructor(dataDir: string, objects: ObjectStorage) {
    this.#dir = join(dataDir, 'archives');
    this.#objects = objects;
  }

  pathOf(id: number): string {
    return join(this.#dir, `${id}.zip`);
  }

  async isReady(id: number): Promise<boolean> {
    if (this.#building.has(id)) return false;
    return stat(this.pathOf(id)).then(
      () => true,
      () => false,
    );
  }

  /** Starts a build unless one runs or the archive exists; the promise settles when it is done. */
  async build(id: number, entries: ArchiveEntry[]): Promise<void> {
    const running = this.#building.get(id);
    if (running) return running;
    if (await this.isReady(id)) return;
    const build = this.#write(id, entries).finally(() => this.#building.delete(id));
    this.#building.set(id, build);
    return build;
  }

  /** Waits for every build in flight, so closing never leaves one half-written. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.#building.values());
  }

  async #write(id: number, entries: ArchiveEntry[]): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    const target = this.pathOf(id);
    const temp = temporaryPathFor(target);
    const sink = createWriteStream(temp);
    const zip = new Zip((error, data) => {
      if (error) sink.destroy(error);
      else sink.write(data);
    });
    try {
      for (const { name, object } of entries) {
        // Images missing from the store are left out rather than failing the whole archive.
        if (!(await this.#objects.has(object))) continue;
        // Images are compressed already: store them as they are.
        const entry = new ZipPassThrough(name);
        zip.add(entry);
        for await (const chunk of this.#objects.read(object)) {
          entry.push(chunk as Buffer);
          if (sink.writableNeedDrain) await once(sink, 'drain');
        }
        entry.push(new Uint8Array(0), true);
      }
      zip.end();
      sink.end();
      await once(sink, 'finish');
      await rename(temp, target);
    } catch (error) {
      sink.destroy();
      await rm(temp, { force: true });
      throw error;
    }
  }
}
