import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createZstdDecoder } from '../zstd-decoder.js';
import { temporaryPathFor, writeFileAtomicallySync } from './write-file-atomically.js';

export interface ObjectId {
  usecase: string;
  /** `org=1;project=2` */
  scopes: string;
  /** `1/2/<sha>` */
  key: string;
}

export class InvalidObjectKeyError extends Error {}

/**
 * Objects as plain files under `objects/{usecase}/{scopes}/{key segments}`, streamed both ways.
 * Each folder's names are read once and kept, so an existence check (thousands per upload) costs
 * no system call.
 */
export class ObjectStorage {
  readonly #root: string;
  readonly #listings = new Map<string, Promise<Set<string>>>();
  /** One mkdir per folder, shared by the writes that race to create it. */
  readonly #folders = new Map<string, Promise<unknown>>();

  constructor(dataDir: string) {
    this.#root = join(dataDir, 'objects');
  }

  async has(id: ObjectId): Promise<boolean> {
    const path = this.#pathOf(id);
    return (await this.#listing(dirname(path))).has(basename(path));
  }

  async size(id: ObjectId): Promise<number | undefined> {
    if (!(await this.has(id))) return undefined;
    return (await stat(this.#pathOf(id))).size;
  }

  /** Stores a body, decoding zstd on the way; an object is replaced whole or not at all. */
  async write(id: ObjectId, body: Readable, encoding: 'zstd' | undefined): Promise<void> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await this.#ensureFolder(dirname(path));
    const temp = temporaryPathFor(path);
    try {
      const sink = createWriteStream(temp);
      await (encoding === 'zstd' ? pipeline(body, createZstdDecoder(), sink) : pipeline(body, sink));
      await rename(temp, path);
      listing.add(basename(path));
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  /** Stores bytes already in memory (a batch insert) with synchronous calls: see writeFileAtomicallySync. */
  async writeBytes(id: ObjectId, bytes: Uint8Array): Promise<void> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await this.#ensureFolder(dirname(path));
    writeFileAtomicallySync(path, bytes);
    listing.add(basename(path));
  }

  read(id: ObjectId): Readable {
    return createReadStream(this.#pathOf(id));
  }

  async delete(id: ObjectId): Promise<boolean> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await rm(path, { force: true });
    return listing.delete(basename(path));
  }

  #ensureFolder(folder: string): Promise<unknown> {
    let created = this.#folders.get(folder);
    if (!created) {
      created = mkdir(folder, { recursive: true });
      created.catch(() => this.#folders.delete(folder));
      this.#folders.set(folder, created);
    }
    return created;
  }

  #listing(folder: string): Promise<Set<string>> {
    let listing = this.#listings.get(folder);
    if (!listing) {
      listing = readdir(folder).then(
        (names) => new Set(names.filter((name) => !name.endsWith('.tmp'))),
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return new Set<string>();
          throw error;
        },
      );
      this.#listings.set(folder, listing);
    }
    return listing;
  }

  #pathOf({ usecase, scopes, key }: ObjectId): string {
    const segments = [usecase, scopes, ...key.split('/')];
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new InvalidObjectKeyError(`Invalid object key: ${key}`);
    }
    return join(this.#root, ...segments.map((segment) => encodeURIComponent(segment)));
  }
}
