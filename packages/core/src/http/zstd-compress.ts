import { promisify } from 'node:util';
import * as zlib from 'node:zlib';

export type ZstdCompress = (data: Uint8Array) => Promise<Uint8Array>;

/**
 * `node:zlib`'s zstd compressor where the runtime has one (Node ≥ 22.15), else undefined.
 * Detected by feature, not version, so a backport or another runtime is used when present.
 */
export function detectZstd(): ZstdCompress | undefined {
  const compress: unknown = Reflect.get(zlib, 'zstdCompress');
  if (typeof compress !== 'function') return undefined;
  const compressAsync = promisify(
    compress as (data: Uint8Array, callback: (error: Error | null, result: Buffer) => void) => void,
  );
  return (data) => compressAsync(data);
}
