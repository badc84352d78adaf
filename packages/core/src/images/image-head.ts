import { type EndMarkedFormat, sniffEndMarkedFormat } from './cut-short.js';
import { type ImageSize, readImageSize } from './read-image-size.js';

/** What an image's first bytes tell: its size, and which end marker it must have. */
export interface ImageHead {
  dimensions: ImageSize | undefined;
  format: EndMarkedFormat | undefined;
}

export const readImageHead = (start: Uint8Array): ImageHead => ({
  dimensions: readImageSize(start),
  format: sniffEndMarkedFormat(start),
});
