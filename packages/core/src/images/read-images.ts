import { setImmediate as nextTurn } from 'node:timers/promises';
import { SnapshotsError } from '../errors.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import { MAX_IMAGE_PIXELS } from '../schemas/limits.js';
import { type EndMarkedFormat, isCutShort } from './cut-short.js';
import { createFileDigester, type FileDigest } from './digest-file.js';
import type { DiscoveredImage, SkippedImage } from './discover-images.js';
import type { ImageHashing } from './image-hashing.js';
import { type ImageHead, readImageHead } from './image-head.js';
import type { ImageSize } from './read-image-size.js';
import { readSidecarSync, type SidecarResult } from './read-sidecar.js';

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
  signal?: AbortSignal;
  /** After each image: images done, total, bytes read so far. */
  onProgress?: (done: number, total: number, bytes: number) => void;
  /** Each entry as soon as it is read, so later work can start before all are. */
  onEntry?: (entry: ImageEntry) => void;
  /** Awaited between turns, so slower work on the entries can hold reading back. */
  waitForRoom?: () => Promise<void>;
  /** Hashing started on these very images (`startImageHashing(…).found.images`): this thread joins it. */
  hashing?: ImageHashing | undefined;
}

export interface ReadImagesResult {
  entries: ImageEntry[];
  /** Images left out: a header that does not read, a file cut short. Each is also a warning. */
  skipped: SkippedImage[];
  /** Sidecars of read images that were ignored (the key is the sidecar's name). Each is also a warning. */
  ignoredSidecars: SkippedImage[];
  warnings: string[];
}

const END_MARKERS: Record<EndMarkedFormat, string> = { png: 'PNG end chunk (IEND)', jpeg: 'JPEG end marker' };

/**
 * Reads run synchronously in turns of this many bytes or files (a few milliseconds), then yield,
 * so requests started on the entries read so far make progress meanwhile.
 */
const TURN_BYTES = 4 * 1024 * 1024;
const TURN_FILES = 256;

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

type ReadOutcome = { entry: ImageEntry; ignoredSidecar?: string } | { skipped: SkippedImage };

type Digest = FileDigest<ImageHead>;

function readImage(
  image: DiscoveredImage,
  read: () => Digest,
  sidecar: SidecarResult | undefined,
): ReadOutcome {
  let file: Digest;
  try {
    file = read();
  } catch (error) {
    throw unreadable(image, error);
  }
  const { dimensions, format } = file.header;
  if (!dimensions)
    return { skipped: { key: image.key, reason: 'cannot read its width and height from the header' } };
  if (format && isCutShort(format, file.tail)) {
    const reason = `the file is truncated: it does not end with the ${END_MARKERS[format]}`;
    return { skipped: { key: image.key, reason } };
  }
  if (dimensions.width * dimensions.height > MAX_IMAGE_PIXELS) throw tooLarge(image, dimensions);
  const { width, height } = dimensions;
  const metadata: ImageMetadata =
    sidecar && 'metadata' in sidecar
      ? { ...sidecar.metadata, content_hash: file.contentHash, width, height }
      : { content_hash: file.contentHash, width, height };
  const entry: ImageEntry = {
    key: image.key,
    path: image.path,
    size: file.size,
    contentHash: file.contentHash,
    width,
    height,
    metadata,
  };
  return sidecar && 'ignored' in sidecar ? { entry, ignoredSidecar: sidecar.ignored } : { entry };
}

const failed = (error: unknown) => () => {
  throw error;
};

/** The image's digest from the hashing, as a read that throws the file's own error, if any. */
function joinHashing(
  hashing: ImageHashing,
  index: number,
  digestHere: (path: string) => Digest,
): (() => Digest) | Promise<() => Digest> {
  try {
    const taken = hashing.take(index, digestHere);
    if (taken instanceof Promise) return taken.then((digest) => () => digest, failed);
    return () => taken;
  } catch (error) {
    return failed(error);
  }
}

/**
 * Every sidecar, by the index of its image, read before any image is: a sidecar that must be
 * refused then stops an upload before a single object is stored. They end up in the entries'
 * metadata anyway, so reading them first holds nothing more in memory.
 */
async function readSidecars(
  images: DiscoveredImage[],
  signal: AbortSignal | undefined,
): Promise<Map<number, SidecarResult>> {
  const sidecars = new Map<number, SidecarResult>();
  let turnFiles = 0;
  for (const [index, { sidecarPath }] of images.entries()) {
    if (sidecarPath === undefined) continue;
    if (++turnFiles >= TURN_FILES) {
      await nextTurn();
      turnFiles = 0;
    }
    signal?.throwIfAborted();
    sidecars.set(index, readSidecarSync(sidecarPath));
  }
  return sidecars;
}

/**
 * Hashes each image, reads its width and height from the same read, and merges its sidecar
 * (docs/sentry-api.md, "Finding images"). One file at a time into one buffer keeps memory flat
 * whatever the count; entries keep input order. Throws `IMAGE_TOO_LARGE` and `IMAGE_UNREADABLE`,
 * and `INVALID_MANIFEST` for a sidecar nested too deep, before any image is read; an image whose
 * header cannot be read, or that is cut short (no end marker), is skipped.
 */
export async function readImages(
  images: DiscoveredImage[],
  options: ReadImagesOptions = {},
): Promise<ReadImagesResult> {
  const sidecars = await readSidecars(images, options.signal);
  const { hashing } = options;
  const digest = createFileDigester(readImageHead);
  const result: ReadImagesResult = { entries: [], skipped: [], ignoredSidecars: [], warnings: [] };
  let bytes = 0;
  let turnBytes = 0;
  let turnFiles = 0;
  for (const [index, image] of images.entries()) {
    if (turnBytes >= TURN_BYTES || turnFiles >= TURN_FILES || index === 0) {
      await nextTurn();
      await options.waitForRoom?.();
      turnBytes = 0;
      turnFiles = 0;
    }
    options.signal?.throwIfAborted();
    const read = hashing ? await joinHashing(hashing, index, digest) : () => digest(image.path);
    const outcome = readImage(image, read, sidecars.get(index));
    turnFiles += 1;
    if ('skipped' in outcome) {
      result.skipped.push(outcome.skipped);
      result.warnings.push(`Skipped ${outcome.skipped.key}: ${outcome.skipped.reason}.`);
    } else {
      bytes += outcome.entry.size;
      turnBytes += outcome.entry.size;
      result.entries.push(outcome.entry);
      if (outcome.ignoredSidecar !== undefined) {
        const ignored = { key: sidecarName(image.key), reason: outcome.ignoredSidecar };
        result.ignoredSidecars.push(ignored);
        result.warnings.push(`Ignored sidecar ${ignored.key}: ${ignored.reason}.`);
      }
      options.onEntry?.(outcome.entry);
    }
    options.onProgress?.(index + 1, images.length, bytes);
  }
  return result;
}
