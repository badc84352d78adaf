import { imageSize } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
}

/**
 * Width and height from the header bytes alone (no decoding), or `undefined` when the bytes are no
 * image or are cut short. image-size sniffs the type from the content, as `sentry-cli` does, so a
 * JPEG named `.png` still reads.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | undefined {
  // image-size reads through the underlying ArrayBuffer, past the end of a view: a truncated header
  // would read neighbouring bytes (Buffer's shared pool) instead of failing.
  const bounded =
    bytes.byteOffset + bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  try {
    const { width, height } = imageSize(bounded);
    return Number.isInteger(width) && Number.isInteger(height) ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}
