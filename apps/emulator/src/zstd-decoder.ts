import { Transform } from 'node:stream';
import { Decompress, decompress } from 'fzstd';

/** Streams zstd decompression, failing once the output passes `maxBytes`. */
export function createZstdDecoder(maxBytes = Number.POSITIVE_INFINITY): Transform {
  let produced = 0;
  let overflow = false;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decoder.push(chunk);
        callback(overflow ? new ZstdLimitError(maxBytes) : null);
      } catch (error) {
        callback(new InvalidZstdError(error));
      }
    },
    flush(callback) {
      try {
        decoder.push(new Uint8Array(0), true);
        callback(overflow ? new ZstdLimitError(maxBytes) : null);
      } catch (error) {
        callback(new InvalidZstdError(error));
      }
    },
  });
  const decoder = new Decompress((data) => {
    produced += data.length;
    if (produced > maxBytes) overflow = true;
    else transform.push(data);
  });
  return transform;
}

export class InvalidZstdError extends Error {
  constructor(cause: unknown) {
    super('Invalid zstd payload', { cause });
  }
}

export class ZstdLimitError extends Error {
  constructor(maxBytes: number) {
    super(`Decompressed body exceeds ${maxBytes} bytes`);
  }
}

/**
 * Decodes a whole zstd body held in memory. A frame that declares its size is decoded in one go
 * into a buffer of that size; the streaming decoder would allocate the frame's whole window
 * (often megabytes) for every small image.
 */
export async function decodeZstd(data: Uint8Array, maxBytes: number): Promise<Buffer> {
  const declared = declaredContentSize(data);
  if (declared !== undefined && declared > maxBytes) throw new ZstdLimitError(maxBytes);
  if (declared !== undefined) {
    try {
      const decoded = decompress(data);
      if (decoded.length > maxBytes) throw new ZstdLimitError(maxBytes);
      return Buffer.from(decoded.buffer, decoded.byteOffset, decoded.length);
    } catch (error) {
      if (error instanceof ZstdLimitError) throw error;
      throw new InvalidZstdError(error);
    }
  }
  const chunks: Buffer[] = [];
  const decoder = createZstdDecoder(maxBytes);
  decoder.end(data);
  for await (const chunk of decoder) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The content size in a zstd frame header (RFC 8878 §3.1.1.1), or undefined when it is absent. */
function declaredContentSize(data: Uint8Array): number | undefined {
  if (data.length < 6 || data[0] !== 0x28 || data[1] !== 0xb5 || data[2] !== 0x2f || data[3] !== 0xfd) {
    return undefined;
  }
  const descriptor = data[4] ?? 0;
  const sizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
  if (sizeBytes === 0) return undefined;
  const dictionaryBytes = [0, 1, 2, 4][descriptor & 3] ?? 0;
  const offset = 5 + (singleSegment ? 0 : 1) + dictionaryBytes;
  if (data.length < offset + sizeBytes) return undefined;
  let size = 0;
  for (let index = sizeBytes - 1; index >= 0; index--) size = size * 256 + (data[offset + index] ?? 0);
  return sizeFlag === 1 ? size + 256 : size;
}
