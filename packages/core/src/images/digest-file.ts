import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Larger files are hashed chunk by chunk, so memory stays at (files in flight) × this. */
export const DIGEST_CHUNK_BYTES = 8 * 1024 * 1024;

export interface FileDigest {
  size: number;
  /** SHA-256 of every byte, lower-case hex. */
  contentHash: string;
  /** The first bytes of the file (all of a small one), for the header reader. */
  head: Uint8Array;
}

/** One pass over the file on this thread: the hash of every byte, and the first chunk. */
export async function digestFile(path: string): Promise<FileDigest> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // Its own ArrayBuffer, sized to the file: readImageSize then needs no copy.
    let buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(size, DIGEST_CHUNK_BYTES)));
    const hash = createHash('sha256');
    let head = new Uint8Array(0);
    let position = 0;
    while (position < size) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
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
    await file.close();
  }
}

/** Up to `length` bytes from the start of a file. */
export async function readFileStart(path: string, length: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(size, length)));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}
