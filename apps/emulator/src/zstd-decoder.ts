import { Transform } from 'node:stream';
import { Decompress } from 'fzstd';

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

/** Decodes a whole zstd body held in memory. */
export async function decodeZstd(data: Uint8Array, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const decoder = createZstdDecoder(maxBytes);
  decoder.end(data);
  for await (const chunk of decoder) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
