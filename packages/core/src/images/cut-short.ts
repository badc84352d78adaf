/** The formats whose end marker is checked: the ones screenshots come in. */
export type EndMarkedFormat = 'png' | 'jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** The IEND chunk every PNG ends with: length 0, its name, its CRC. */
const PNG_END = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const JPEG_START = [0xff, 0xd8, 0xff];
/** The end-of-image marker. */
const JPEG_END = [0xff, 0xd9];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);

/** PNG or JPEG by content (as the size is read), whatever the file's extension. */
export function sniffEndMarkedFormat(start: Uint8Array): EndMarkedFormat | undefined {
  if (startsWith(start, PNG_SIGNATURE)) return 'png';
  if (startsWith(start, JPEG_START)) return 'jpeg';
  return undefined;
}

/**
 * True when a PNG or JPEG does not end with its end marker: the file was cut short (a write that
 * died, a disk that filled), though its header reads. Zero bytes after the marker (within the
 * tail read) are allowed:
 * some tools pad a file to a block size. Other formats are not judged.
 */
export function isCutShort(format: EndMarkedFormat | undefined, tail: Uint8Array): boolean {
  if (format === undefined) return false;
  let end = tail.length;
  while (end > 0 && tail[end - 1] === 0) end -= 1;
  const marker = format === 'png' ? PNG_END : JPEG_END;
  if (end < marker.length) return true;
  return marker.some((byte, index) => tail[end - marker.length + index] !== byte);
}
