import { close, read } from 'node:fs';
import { Readable } from 'node:stream';
import { RandomAccessReader } from 'yauzl';

/** Large reads: yauzl's own file reader reads 16 KiB at a time, one read at a time for all entries. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Serves yauzl from one open file descriptor with positional reads, so entries extracted side
 * by side read in parallel and in large chunks. yauzl closes it once the zip and its streams are done.
 */
export class FileRangeReader extends RandomAccessReader {
  readonly #fd: number;

  constructor(fd: number) {
    super();
    this.#fd = fd;
  }

  /** Not an `fs.ReadStream`: destroying one closes its descriptor, which every entry shares. */
  override _readStreamForRange(start: number, end: number): Readable {
    const fd = this.#fd;
    let position = start;
    return new Readable({
      highWaterMark: CHUNK_BYTES,
      read() {
        const length = Math.min(CHUNK_BYTES, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        read(fd, Buffer.allocUnsafe(length), 0, length, position, (error, bytesRead, buffer) => {
          if (error) this.destroy(error);
          else if (bytesRead === 0) this.destroy(new Error('unexpected end of the zip file'));
          else {
            position += bytesRead;
            this.push(buffer.subarray(0, bytesRead));
          }
        });
      },
    });
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (error: Error | null) => void,
  ): void {
    const next = (done: number) => {
      if (done === length) return callback(null);
      read(this.#fd, buffer, offset + done, length - done, position + done, (error, bytesRead) => {
        if (error) return callback(error);
        if (bytesRead === 0) return callback(new Error('unexpected end of the zip file'));
        next(done + bytesRead);
      });
    };
    next(0);
  }

  override close(callback: (error: Error | null) => void): void {
    close(this.#fd, callback);
  }
}
