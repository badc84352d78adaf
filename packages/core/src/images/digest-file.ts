import { createHash, hash as hashOnce } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** Larger files are hashed chunk by chunk, so memory stays at this whatever the file. */
export const DIGEST_CHUNK_BYTES = 8 * 1024 * 1024;
/** The file's last bytes kept in `tail`: enough for an end marker and some padding after it. */
export const TAIL_BYTES = 64;

export interface FileDigest<Header> {
  size: number;
  /** SHA-256 of every byte, lower-case hex. */
  contentHash: string;
  /** What `readHeader` made of the file's first chunk. */
  header: Header;
  /** A copy of the file's last {@link TAIL_BYTES} bytes (all of them, for a smaller file). */
  tail: Uint8Array;
}

/**
 * Hashes whole files synchronously into one reused buffer. It beat both the promise API (four
 * thread-pool round trips per file) and a pool of worker threads, for small and large sets alike:
 * the per-file cost of asynchronous I/O, not SHA-256, was the bottleneck. The current figures are
 * in the bench (bench/results/latest.md, "Hashing throughput").
 *
 * `readHeader` sees the first chunk (the whole file, for nearly every screenshot) in place, so a
 * header deep in a JPEG is found without a second read; the bytes are valid only during the call.
 * The tail comes from the same read (one more small read for a file over a chunk), so a file cut
 * short can be told without reading it again.
 */
export function createFileDigester<Header>(readHeader: (start: Uint8Array) => Header) {
  // Untouched pages cost no memory: the buffer grows in RAM only as far as the largest file.
  const buffer = Buffer.allocUnsafeSlow(DIGEST_CHUNK_BYTES);
  return function digestFileSync(path: string): FileDigest<Header> {
    const fd = openSync(path, 'r');
    try {
      let size = readSync(fd, buffer, 0, buffer.length, 0);
      const first = buffer.subarray(0, size);
      const header = readHeader(first);
      // Most screenshots fit one read: a one-shot hash, no Hash object to collect.
      if (size < buffer.length) {
        const tail = new Uint8Array(first.subarray(Math.max(0, size - TAIL_BYTES)));
        return { size, contentHash: hashOnce('sha256', first), header, tail };
      }
      const hash = createHash('sha256').update(first);
      for (let bytesRead = size; bytesRead > 0; size += bytesRead) {
        bytesRead = readSync(fd, buffer, 0, buffer.length, size);
        hash.update(buffer.subarray(0, bytesRead));
      }
      // One more small read for the end, which the last chunk may have split.
      const tail = new Uint8Array(TAIL_BYTES);
      readSync(fd, tail, 0, TAIL_BYTES, size - TAIL_BYTES);
      return { size, contentHash: hash.digest('hex'), header, tail };
    } finally {
      closeSync(fd);
    }
  };
}
