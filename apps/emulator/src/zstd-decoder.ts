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
 * into a buffer of that size. One that does not (sentry-cli's inserts) states a window, often
 * 2 MiB, that the decoder would allocate and shift for every small image: when its blocks bound
 * its content, it is read with a window of that bound instead. Anything else streams.
 */
export async function decodeZstd(data: Uint8Array, maxBytes: number): Promise<Buffer> {
  const frame = readSingleFrame(data);
  if (frame && frame.bound > maxBytes) throw new ZstdLimitError(maxBytes);
  if (!frame) {
    const chunks: Buffer[] = [];
    const decoder = createZstdDecoder(maxBytes);
    decoder.end(data);
    for await (const chunk of decoder) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  try {
    const decoded = decompress(frame.data);
    return Buffer.from(decoded.buffer, decoded.byteOffset, decoded.length);
  } catch (error) {
    throw new InvalidZstdError(error);
  }
}

const maxBlockBytes = 128 * 1024;
const minWindowLog = 17;

/**
 * Walks one whole zstd frame (RFC 8878, section 3.1.1) and answers an upper bound of its content (the
 * declared size, or what its blocks can produce) and the frame to decode: when the size is not
 * declared, a copy whose window is lowered to that bound. Back-references never reach before the
 * frame's start, so such a window decodes the same bytes. Undefined for anything unusual.
 */
function readSingleFrame(data: Uint8Array): { bound: number; data: Uint8Array } | undefined {
  if (data.length < 6 || data[0] !== 0x28 || data[1] !== 0xb5 || data[2] !== 0x2f || data[3] !== 0xfd) {
    return undefined;
  }
  const descriptor = data[4] ?? 0;
  const sizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const sizeBytes = sizeFlag === 0 ? singleSegment : 1 << sizeFlag;
  const sizeOffset = 5 + (singleSegment ? 0 : 1) + ([0, 1, 2, 4][descriptor & 3] ?? 0);
  if (sizeBytes > 0) {
    let size = 0;
    for (let index = sizeBytes - 1; index >= 0; index--) size = size * 256 + (data[sizeOffset + index] ?? 0);
    return { bound: sizeBytes === 2 ? size + 256 : size, data };
  }
  let offset = sizeOffset;
  let bound = 0;
  for (;;) {
    if (offset + 3 > data.length) return undefined;
    const block = (data[offset] ?? 0) | ((data[offset + 1] ?? 0) << 8) | ((data[offset + 2] ?? 0) << 16);
    const type = (block >> 1) & 3;
    const size = block >> 3;
    if (type === 3) return undefined;
    // Raw and RLE blocks say what they produce; a compressed one produces at most a full block.
    bound += type === 2 ? maxBlockBytes : size;
    offset += 3 + (type === 1 ? 1 : size);
    if (block & 1) break;
  }
  const checksumBytes = (descriptor >> 2) & 1 ? 4 : 0;
  if (offset + checksumBytes !== data.length) return undefined;
  const windowLog = Math.max(minWindowLog, Math.ceil(Math.log2(Math.max(bound, 1))));
  if (windowLog >= 10 + ((data[5] ?? 0) >> 3)) return { bound, data };
  const narrowed = new Uint8Array(data);
  narrowed[5] = (windowLog - 10) << 3;
  return { bound, data: narrowed };
}
