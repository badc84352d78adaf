import { imageSize } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const chunkNameAt = (bytes: Uint8Array, at: number) =>
  String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
const uint32At = (bytes: Uint8Array, at: number) =>
  ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;

/**
 * A PNG's size, read as image-size reads it: IHDR right after the signature, or after Apple's CgBI
 * chunk. Done here because nearly every screenshot is a PNG, and image-size's detection decodes
 * byte ranges to strings, which cost several times this direct read over a large upload (measured
 * in the bench, bench/results/latest.md, "Hashing throughput").
 */
function pngSize(bytes: Uint8Array): ImageSize | undefined {
  const ihdr = bytes.length >= 16 && chunkNameAt(bytes, 12) === 'CgBI' ? 28 : 12;
  if (bytes.length < ihdr + 12 || chunkNameAt(bytes, ihdr) !== 'IHDR') return undefined;
  return { width: uint32At(bytes, ihdr + 4), height: uint32At(bytes, ihdr + 8) };
}

/**
 * Width and height from the header bytes alone (no decoding), or `undefined` when the bytes are no
 * image or are cut short. The type is sniffed from the content, as `sentry-cli` does, so a JPEG
 * named `.png` still reads; image-size reads every type but PNG.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  if (PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return pngSize(bytes);
  // image-size reads through the underlying ArrayBuffer, past the end of a view: a truncated header
  // would read neighbouring bytes (a reused buffer, Buffer's shared pool) instead of failing.
  const bounded =
    bytes.byteOffset + bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  try {
    const { width, height } = imageSize(bounded);
    return Number.isInteger(width) && Number.isInteger(height) ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
