import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Larger files are hashed chunk by chunk, so memory stays at (files in flight) × this. */
export const DIGEST_CHUNK_BYTES = 8 * 1024 * 1024;

export interface FileDigest {
  size: number;
  /** SHA-256 of every byte, lower-case hex. */
  contentHash: string;
  /** The first bytes of the file (all of a small one), for the header reader. */
  head: Uint8Array;
}

/**
 * One pass over the file, synchronously: the hash of every byte, and the first chunk. Synchronous
 * on purpose: for screenshot-sized files the four thread-pool round trips of the promise API
 * (open, stat, read, close) cost more than the work; 10,000 files read ~1.5× faster this way.
 */
export function digestFileSync(path: string): FileDigest {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    // Its own ArrayBuffer, sized to the file: readImageSize then needs no copy.
    let buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(size, DIGEST_CHUNK_BYTES)));
    const hash = createHash('sha256');
    let head = new Uint8Array(0);
    let position = 0;
    while (position < size) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      if (position === 0) {
        head = buffer.subarray(0, bytesRead);
        if (size > buffer.length) buffer = Buffer.allocUnsafeSlow(DIGEST_CHUNK_BYTES);
      }
      position += bytesRead;
    }
    return { size: position, contentHash: hash.digest('hex'), head };
  } finally {
    closeSync(fd);
  }
}

/** Up to `length` bytes from the start of a file. */
export function readFileStartSync(path: string, length: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(fstatSync(fd).size, length)));
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
  } finally {
    closeSync(fd);
  }
}
