import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createZstdDecoder } from '../zstd-decoder.js';
import { temporaryPathFor } from './write-file-atomically.js';

export interface ObjectId {
  usecase: string;
  /** `org=1;project=2` */
  scopes: string;
  /** `1/2/<sha>` */
  key: string;
}

export class InvalidObjectKeyError extends Error {}

/** Objects as plain files under `objects/{usecase}/{scopes}/{key segments}`, streamed both ways. */
export class ObjectStorage {
  readonly #root: string;

  constructor(dataDir: string) {
    this.#root = join(dataDir, 'objects');
  }

  async has(id: ObjectId): Promise<boolean> {
    return (await this.size(id)) !== undefined;
  }

  async size(id: ObjectId): Promise<number | undefined> {
    try {
      const stats = await stat(this.#pathOf(id));
      return stats.isFile() ? stats.size : undefined;
    } catch {
      return undefined;
    }
  }

  /** Stores a body, decoding zstd on the way; an object is replaced whole or not at all. */
  async write(id: ObjectId, body: Readable, encoding: 'zstd' | undefined): Promise<void> {
    const path = this.#pathOf(id);
    await mkdir(dirname(path), { recursive: true });
    const temp = temporaryPathFor(path);
    try {
      const sink = createWriteStream(temp);
      await (encoding === 'zstd' ? pipeline(body, createZstdDecoder(), sink) : pipeline(body, sink));
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  read(id: ObjectId): Readable {
    return createReadStream(this.#pathOf(id));
  }

  async delete(id: ObjectId): Promise<boolean> {
    const existed = await this.has(id);
    await rm(this.#pathOf(id), { force: true });
    return existed;
  }

  #pathOf({ usecase, scopes, key }: ObjectId): string {
    const segments = [usecase, scopes, ...key.split('/')];
    if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
      throw new InvalidObjectKeyError(`Invalid object key: ${key}`);
    }
    return join(this.#root, ...segments.map((segment) => encodeURIComponent(segment)));
  }
}
