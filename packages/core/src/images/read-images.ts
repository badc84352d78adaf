import { availableParallelism } from 'node:os';
import pMap from 'p-map';
import { SnapshotsError } from '../errors.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import { MAX_IMAGE_PIXELS } from '../schemas/limits.js';
import { DIGEST_CHUNK_BYTES, digestFile, type FileDigest, readFileStart } from './digest-file.js';
import { createDigestFilePool, type DigestFilePool } from './digest-file-pool.js';
import type { DiscoveredImage } from './discover-images.js';
import { type ImageSize, readImageSize } from './read-image-size.js';
import { readSidecarSync } from './read-sidecar.js';

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
  /** Files read at once. */
  concurrency?: number;
  /** Most worker threads to read and hash on; 0 keeps all on the main thread. Default: one per CPU. */
  threads?: number;
  /**
   * Below `THREADED_MIN_IMAGES` images, threads start only when the bytes still to read, estimated
   * from the first `THREAD_ESTIMATE_AFTER` images, exceed this (default `THREADED_MIN_BYTES`);
   * 0 starts them at once.
   */
  threadedMinBytes?: number;
  signal?: AbortSignal;
  /** After each image: images done, total, bytes read so far. */
  onProgress?: (done: number, total: number, bytes: number) => void;
  /** Each entry as soon as it is read (in completion order), so later work can start before all are. */
  onEntry?: (entry: ImageEntry) => void;
}

export interface ReadImagesResult {
  entries: ImageEntry[];
  skipped: { key: string; reason: string }[];
  warnings: string[];
}

/** 4 to 32 measured within noise of each other on the 2-core machine; 8 keeps both cores busy. */
export const DEFAULT_READ_CONCURRENCY = 8;

/**
 * When threads pay off (2-core machine, `pnpm bench`, discovery + read): 1,000 × 17 KB screenshots
 * 0.30 s on the main thread, 0.23 s on two threads; 10,000 × 17 KB 1.20 s and 1.29 s; 50,000 × 2 KB
 * 9.5 s and 4.4 s (the promise API's per-file cost, not SHA-256, dominates small files). Starting
 * two threads costs 40 ms idle but 100–600 ms on a loaded machine, so small runs stay on the main
 * thread unless their bytes are many.
 */
export const THREADED_MIN_IMAGES = 5_000;
export const THREADED_MIN_BYTES = 512 * 1024 * 1024;
export const THREAD_ESTIMATE_AFTER = 32;

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

async function readImage(
  image: DiscoveredImage,
  digest: (path: string) => Promise<FileDigest>,
): Promise<ReadOutcome> {
  let file: FileDigest;
  let dimensions: ImageSize | undefined;
  try {
    file = await digest(image.path);
    dimensions = readImageSize(file.head);
    // A header beyond the bytes the thread sent back: a JPEG behind large metadata blocks.
    if (!dimensions && file.head.length < file.size) {
      dimensions = readImageSize(await readFileStart(image.path, DIGEST_CHUNK_BYTES));
    }
  } catch (error) {
    throw unreadable(image, error);
  }
  if (!dimensions)
    return { skipped: { key: image.key, reason: 'cannot read its width and height from the header' } };
  if (dimensions.width * dimensions.height > MAX_IMAGE_PIXELS) throw tooLarge(image, dimensions);
  const sidecar = image.sidecarPath ? readSidecarSync(image.sidecarPath, sidecarName(image.key)) : undefined;
  const metadata: ImageMetadata = {
    ...(sidecar && 'metadata' in sidecar ? sidecar.metadata : {}),
    content_hash: file.contentHash,
    width: dimensions.width,
    height: dimensions.height,
  };
  const entry: ImageEntry = {
    key: image.key,
    path: image.path,
    size: file.size,
    contentHash: file.contentHash,
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
  const threads = options.threads ?? availableParallelism();
  const minBytes = options.threadedMinBytes ?? THREADED_MIN_BYTES;
  let pool: DigestFilePool | undefined;
  let decided = threads <= 0;
  const digestNext = (): ((path: string) => Promise<FileDigest>) => {
    if (
      !decided &&
      (minBytes <= 0 || images.length >= THREADED_MIN_IMAGES || done >= THREAD_ESTIMATE_AFTER)
    ) {
      decided = true;
      const remainingBytes = done === 0 ? Number.POSITIVE_INFINITY : (bytes / done) * (images.length - done);
      if (remainingBytes > minBytes) pool = createDigestFilePool(threads);
    }
    return pool ? pool.digestFile : digestFile;
  };
  let outcomes: ReadOutcome[];
  try {
    outcomes = await pMap(
      images,
      async (image) => {
        const outcome = await readImage(image, digestNext());
        done += 1;
        if ('entry' in outcome) {
          bytes += outcome.entry.size;
          options.onEntry?.(outcome.entry);
        }
        options.onProgress?.(done, images.length, bytes);
        return outcome;
      },
      { concurrency: options.concurrency ?? DEFAULT_READ_CONCURRENCY, signal: options.signal },
    );
  } finally {
    await pool?.close();
  }
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
