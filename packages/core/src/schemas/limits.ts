/** Limits the Sentry server enforces on a snapshot; the client checks them before any request. */
export const MAX_IMAGES = 50_000;
export const MAX_FIELD_LENGTH = 255;
export const MAX_IMAGE_PIXELS = 40_000_000;
export const RESERVED_IMAGE_NAME = 'manifest.json';
/** The server's decompression limit for a zstd-encoded manifest. */
export const MAX_MANIFEST_BYTES = 256 * 1024 * 1024;
