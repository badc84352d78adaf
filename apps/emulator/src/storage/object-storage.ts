import { createReadStream, createWriteStream } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createZstdDecoder, decodeZstd, ZstdLimitError } from '../zstd-decoder.js';
import { InvalidObjectKeyError, type ObjectId, objectFileNames } from './object-key.js';
import { temporaryPathFor, writeFileAtomicallySync } from './write-file-atomically.js';

/** An object opened for reading: its bytes stay readable even if it is replaced or deleted meanwhile. */
export interface OpenedObject {
  size: number;
  handle: FileHandle;
}

export class ObjectTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the object exceeds ${maxBytes} bytes`);
  }
}

/** Bodies up to this size (most images) are held and written with synchronous calls. */
const smallBodyBytes = 1024 * 1024;
/** What a small zstd body may expand to in memory; beyond, it is decoded to disk as it streams. */
const smallDecodedBytes = 8 * 1024 * 1024;

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

  /** Opens an object for reading, or answers undefined when it is absent; the caller closes it. */
  async open(id: ObjectId): Promise<OpenedObject | undefined> {
    if (!(await this.has(id))) return undefined;
    let handle: FileHandle;
    try {
      handle = await open(this.#pathOf(id), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return { size: (await handle.stat()).size, handle };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Stores a body, decoding zstd on the way, refusing more than `maxBytes` once decoded; an object
   * is replaced whole or not at all. A body too big to hold streams to a temporary file that is
   * renamed into place.
   */
  async write(id: ObjectId, body: Readable, encoding: 'zstd' | undefined, maxBytes: number): Promise<void> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await this.#ensureFolder(dirname(path));
    const { chunks, rest } = await readStart(body, smallBodyBytes);
    if (!rest) {
      const bytes = await decodeSmallBody(Buffer.concat(chunks), encoding, maxBytes);
      if (bytes) {
        this.#guard(() => writeFileAtomicallySync(path, bytes));
        listing.add(basename(path));
        return;
      }
    }
    const source = Readable.from(joinChunks(chunks, rest));
    const temp = temporaryPathFor(path);
    try {
      const sink = createWriteStream(temp);
      await (encoding === 'zstd'
        ? pipeline(source, createZstdDecoder(maxBytes), sink)
        : pipeline(source, limitBytes(maxBytes), sink));
      await rename(temp, path);
      listing.add(basename(path));
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof ZstdLimitError) throw new ObjectTooLargeError(maxBytes);
      throw asKeyError(error);
    }
  }

  /** Stores bytes already in memory (a diff mask) with synchronous calls: see writeFileAtomicallySync. */
  async writeBytes(id: ObjectId, bytes: Uint8Array): Promise<void> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await this.#ensureFolder(dirname(path));
    this.#guard(() => writeFileAtomicallySync(path, bytes));
    listing.add(basename(path));
  }

  async delete(id: ObjectId): Promise<boolean> {
    const path = this.#pathOf(id);
    const listing = await this.#listing(dirname(path));
    await rm(path, { force: true });
    return listing.delete(basename(path));
  }

  read(id: ObjectId): Readable {
    return createReadStream(this.#pathOf(id));
  }

  #guard<T>(write: () => T): T {
    try {
      return write();
    } catch (error) {
      throw asKeyError(error);
    }
  }

  #ensureFolder(folder: string): Promise<unknown> {
    let created = this.#folders.get(folder);
    if (!created) {
      created = mkdir(folder, { recursive: true }).catch((error: unknown) => {
        this.#folders.delete(folder);
        throw asKeyError(error);
      });
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
          throw asKeyError(error);
        },
      );
      this.#listings.set(folder, listing);
    }
    return listing;
  }

  #pathOf(id: ObjectId): string {
    return join(this.#root, ...objectFileNames(id));
  }
}

/** File-system refusals that come from the key's shape (too long in all, a file where a folder must be). */
function asKeyError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENAMETOOLONG') return new InvalidObjectKeyError('the key is too long for the file system');
  if (code === 'ENOTDIR' || code === 'EISDIR' || code === 'EEXIST') {
    return new InvalidObjectKeyError('the key is a folder of other keys, or lies under another key');
  }
  return error;
}

/** Reads until more than `maxBytes` came or the body ended; `rest` iterates what is left, if anything. */
async function readStart(
  body: Readable,
  maxBytes: number,
): Promise<{ chunks: Buffer[]; rest: AsyncIterator<Buffer> | undefined }> {
  const iterator = body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let size = 0;
  while (size <= maxBytes) {
    const next = await iterator.next();
    if (next.done) return { chunks, rest: undefined };
    chunks.push(next.value);
    size += next.value.length;
  }
  return { chunks, rest: iterator };
}

async function* joinChunks(
  chunks: Buffer[],
  rest: AsyncIterator<Buffer> | undefined,
): AsyncGenerator<Buffer> {
  yield* chunks;
  if (!rest) return;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

/** A small body's stored bytes, or undefined when it expands too far to decode in memory. */
async function decodeSmallBody(
  bytes: Buffer,
  encoding: 'zstd' | undefined,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  if (encoding !== 'zstd') {
    if (bytes.length > maxBytes) throw new ObjectTooLargeError(maxBytes);
    return bytes;
  }
  try {
    return await decodeZstd(bytes, Math.min(smallDecodedBytes, maxBytes));
  } catch (error) {
    if (!(error instanceof ZstdLimitError)) throw error;
    if (maxBytes <= smallDecodedBytes) throw new ObjectTooLargeError(maxBytes);
    return undefined;
  }
}

function limitBytes(maxBytes: number): Transform {
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback(size > maxBytes ? new ObjectTooLargeError(maxBytes) : null, chunk);
    },
  });
}
