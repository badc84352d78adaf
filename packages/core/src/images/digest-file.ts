import { createHash, hash as hashOnce } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** Larger files are hashed chunk by chunk, so memory stays at this whatever the file. */
export const DIGEST_CHUNK_BYTES = 8 * 1024 * 1024;

export interface FileDigest<Header> {
  size: number;
  /** SHA-256 of every byte, lower-case hex. */
  contentHash: string;
  /** What `readHeader` made of the file's first chunk. */
  header: Header;
}

/**
 * Hashes whole files synchronously into one reused buffer. It beat both the promise API (four
 * thread-pool round trips per file) and a pool of worker threads, for small and large sets alike:
 * the per-file cost of asynchronous I/O, not SHA-256, was the bottleneck. The current figures are
 * in the bench (bench/results/latest.md, "Hashing throughput").
 *
 * `readHeader` sees the first chunk (the whole file, for nearly every screenshot) in place, so a
 * header deep in a JPEG is found without a second read; the bytes are valid only during the call.
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
      if (size < buffer.length) return { size, contentHash: hashOnce('sha256', first), header };
      const hash = createHash('sha256').update(first);
      for (let bytesRead = size; bytesRead > 0; size += bytesRead) {
        bytesRead = readSync(fd, buffer, 0, buffer.length, size);
        hash.update(buffer.subarray(0, bytesRead));
      }
      return { size, contentHash: hash.digest('hex'), header };
    } finally {
      closeSync(fd);
    }
  };
}
