import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import pMap from 'p-map';
import { SnapshotsError } from '../errors.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import { MAX_IMAGE_PIXELS } from '../schemas/limits.js';
import type { DiscoveredImage } from './discover-images.js';
import { type ImageSize, readImageSize } from './read-image-size.js';
import { readSidecar } from './read-sidecar.js';

export interface ImageEntry {
  key: string;
  path: string;
  size: number;
  /** SHA-256 of the exact file bytes, lower-case hex. */
  contentHash: string;
  width: number;
  height: number;
  /** The manifest value: sidecar keys, then `content_hash`, `width`, `height` over them. */
  metadata: ImageMetadata;
}

export interface ReadImagesOptions {
  /** Files read at once; the default was the fastest measured on a 2-core machine (see bench/). */
  concurrency?: number;
  signal?: AbortSignal;
  /** After each image: images done, total, bytes read so far. */
  onProgress?: (done: number, total: number, bytes: number) => void;
}

export interface ReadImagesResult {
  entries: ImageEntry[];
  skipped: { key: string; reason: string }[];
  warnings: string[];
}

export const DEFAULT_READ_CONCURRENCY = 8;

/** Larger files are hashed chunk by chunk, so memory stays at concurrency × this. */
const CHUNK_BYTES = 8 * 1024 * 1024;

interface FileDigest {
  size: number;
  contentHash: string;
  dimensions: ImageSize | undefined;
}

/** One pass over the file: the hash of every byte, and the size from the first chunk's header. */
async function digestFile(path: string): Promise<FileDigest> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    // Its own ArrayBuffer, sized to the file: readImageSize then needs no copy.
    const buffer = Buffer.allocUnsafeSlow(Math.max(1, Math.min(size, CHUNK_BYTES)));
    const hash = createHash('sha256');
    let dimensions: ImageSize | undefined;
    let position = 0;
    while (position < size) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (position === 0) dimensions = readImageSize(chunk);
      hash.update(chunk);
      position += bytesRead;
    }
    return { size: position, contentHash: hash.digest('hex'), dimensions };
  } finally {
    await file.close();
  }
}

function sidecarName(key: string): string {
  return key.replace(/\.[^./]+$/, '.json');
}

function unreadable(image: DiscoveredImage, error: unknown): SnapshotsError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error);
  return new SnapshotsError('IMAGE_UNREADABLE', `Cannot read the image ${image.path} (${code}).`, {
    cause: error,
    hint: 'Check that the file still exists and that this user may read it.',
    details: { key: image.key, path: image.path },
  });
}

function tooLarge(image: DiscoveredImage, { width, height }: ImageSize): SnapshotsError {
  const pixels = width * height;
  return new SnapshotsError(
    'IMAGE_TOO_LARGE',
    `The image ${image.path} is ${width}×${height} (${pixels.toLocaleString('en-US')} pixels), over Sentry's limit of ${MAX_IMAGE_PIXELS.toLocaleString('en-US')} pixels.`,
    {
      hint: 'Downscale the screenshot or leave it out of the folder.',
      details: { key: image.key, path: image.path, width, height, pixels, maxPixels: MAX_IMAGE_PIXELS },
    },
  );
}

type ReadOutcome = { entry: ImageEntry; warning?: string } | { skipped: { key: string; reason: string } };

async function readImage(image: DiscoveredImage): Promise<ReadOutcome> {
  let digest: FileDigest;
  try {
    digest = await digestFile(image.path);
  } catch (error) {
    throw unreadable(image, error);
  }
  const { dimensions } = digest;
  if (!dimensions)
    return { skipped: { key: image.key, reason: 'cannot read its width and height from the header' } };
  if (dimensions.width * dimensions.height > MAX_IMAGE_PIXELS) throw tooLarge(image, dimensions);
  const sidecar = image.sidecarPath
    ? await readSidecar(image.sidecarPath, sidecarName(image.key))
    : undefined;
  const metadata: ImageMetadata = {
    ...(sidecar && 'metadata' in sidecar ? sidecar.metadata : {}),
    content_hash: digest.contentHash,
    width: dimensions.width,
    height: dimensions.height,
  };
  const entry: ImageEntry = {
    key: image.key,
    path: image.path,
    size: digest.size,
    contentHash: digest.contentHash,
    ...dimensions,
    metadata,
  };
  return sidecar && 'warning' in sidecar ? { entry, warning: sidecar.warning } : { entry };
}

/**
 * Hashes each image, reads its width and height from the same read, and merges its sidecar
 * (contract §5). Bounded concurrency keeps memory flat whatever the count; entries keep input order.
 * Throws `IMAGE_TOO_LARGE` and `IMAGE_UNREADABLE`; an image whose header cannot be read is skipped.
 */
export async function readImages(
  images: DiscoveredImage[],
  options: ReadImagesOptions = {},
): Promise<ReadImagesResult> {
  let done = 0;
  let bytes = 0;
  const outcomes = await pMap(
    images,
    async (image) => {
      const outcome = await readImage(image);
      done += 1;
      if ('entry' in outcome) bytes += outcome.entry.size;
      options.onProgress?.(done, images.length, bytes);
      return outcome;
    },
    { concurrency: options.concurrency ?? DEFAULT_READ_CONCURRENCY, signal: options.signal },
  );
  const result: ReadImagesResult = { entries: [], skipped: [], warnings: [] };
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      result.skipped.push(outcome.skipped);
      result.warnings.push(`Skipped ${outcome.skipped.key}: ${outcome.skipped.reason}.`);
      continue;
    }
    result.entries.push(outcome.entry);
    if (outcome.warning) result.warnings.push(outcome.warning);
  }
  return result;
}
