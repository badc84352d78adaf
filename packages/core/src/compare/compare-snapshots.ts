import { availableParallelism } from 'node:os';
import { Semaphore } from 'async-mutex';
import pMap from 'p-map';
import { isSnapshotsError, SnapshotsError } from '../errors.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import type { ImagePair, SnapshotImage } from '../schemas/snapshot-detail.js';
import { compareCodeUnits } from '../text/compare-code-units.js';
import type { World } from '../world.js';
import { compareImages, type ImageComparisonOptions } from './compare-images.js';
import type { SnapshotComparison } from './snapshot-comparison.js';
import { toSnapshotImage } from './to-snapshot-image.js';

/** One side of a comparison: a snapshot's manifest fields that decide the outcome. */
export interface ComparedSnapshot {
  images: Readonly<Record<string, ImageMetadata>>;
  /** The snapshot's `diff_threshold`, used for images that have none of their own. */
  diffThreshold?: number;
  /** A selective head holds only part of the suite: base images it lacks are skipped, not removed. */
  selective?: boolean;
  /** With `selective`, the whole suite's names: a base image missing from it was removed after all. */
  allImageFileNames?: readonly string[];
}

export type ImageSide = 'base' | 'head';

/** Reads an image's bytes, from a folder, an object store or anywhere else. */
export type LoadImage = (side: ImageSide, name: string, image: ImageMetadata) => Promise<Uint8Array>;

/** Keeps a changed image's diff mask (a PNG) and answers with its `diff_image_key`. */
export type StoreDiffMask = (name: string, png: Uint8Array) => Promise<string>;

export interface ComparisonProgress {
  done: number;
  total: number;
}

export interface CompareSnapshotsOptions
  extends Pick<ImageComparisonOptions, 'colorThreshold' | 'antialiasing'> {
  loadImage: LoadImage;
  /** Without it, no mask is encoded. */
  storeDiffMask?: StoreDiffMask;
  /** Image pairs compared at once; default twice the cores (libvips decodes beside the event loop). */
  concurrency?: number;
  /**
   * Megapixels (base + head, each pair counted as at least 1) decoded at once, which bounds memory:
   * each one holds its RGBA pixels (4 bytes each) and the buffers decoding and diffing them need
   * (peak RSS is measured in the bench, bench/results/compare-latest.md); default 100.
   */
  megapixelBudget?: number;
  onProgress?: (progress: ComparisonProgress) => void;
}

const defaultMegapixelBudget = 100;

/**
 * Compares a head snapshot with its base the way Sentry does: images are matched by name; a
 * matched image is unchanged when its bytes are (by content hash) or when its changed-pixel
 * fraction stays within its `diff_threshold` (the image's, else the head snapshot's, else 0); a new
 * name holding the bytes of a removed one is a rename. Lists are sorted by name.
 */
export async function compareSnapshots(
  world: Pick<World, 'signal'>,
  base: ComparedSnapshot,
  head: ComparedSnapshot,
  options: CompareSnapshotsOptions,
): Promise<SnapshotComparison> {
  const baseNames = Object.keys(base.images).sort(compareCodeUnits);
  const headNames = Object.keys(head.images).sort(compareCodeUnits);
  const suite = head.allImageFileNames === undefined ? undefined : new Set(head.allImageFileNames);

  const skipped: SnapshotImage[] = [];
  const removedNames: string[] = [];
  for (const name of baseNames) {
    if (Object.hasOwn(head.images, name)) continue;
    if (head.selective && (suite === undefined || suite.has(name))) {
      skipped.push(toSnapshotImage(name, base.images[name]!));
    } else {
      removedNames.push(name);
    }
  }

  const removedByHash = new Map<string, string[]>();
  for (const name of removedNames) {
    const hash = base.images[name]!.content_hash;
    removedByHash.set(hash, [...(removedByHash.get(hash) ?? []), name]);
  }
  const added: SnapshotImage[] = [];
  const renamed: ImagePair[] = [];
  const renamedFrom = new Set<string>();
  const matchedNames: string[] = [];
  for (const name of headNames) {
    const image = head.images[name]!;
    if (Object.hasOwn(base.images, name)) {
      matchedNames.push(name);
      continue;
    }
    const from = removedByHash.get(image.content_hash)?.shift();
    if (from === undefined) {
      added.push(toSnapshotImage(name, image));
    } else {
      renamedFrom.add(from);
      renamed.push({
        base_image: toSnapshotImage(from, base.images[from]!),
        head_image: toSnapshotImage(name, image),
      });
    }
  }
  const removed = removedNames
    .filter((name) => !renamedFrom.has(name))
    .map((name) => toSnapshotImage(name, base.images[name]!));

  const unchanged: SnapshotImage[] = [];
  const changed: ImagePair[] = [];
  const errored: ImagePair[] = [];
  const budget = new Semaphore(options.megapixelBudget ?? defaultMegapixelBudget);
  const progress = { done: 0, total: matchedNames.length };
  options.onProgress?.({ ...progress });

  const outcomes = await runAborting(world.signal, () =>
    pMap(
      matchedNames,
      async (name) => {
        const outcome = await comparePair(name, base, head, options, budget);
        progress.done++;
        options.onProgress?.({ ...progress });
        return outcome;
      },
      { concurrency: options.concurrency ?? availableParallelism() * 2, signal: world.signal },
    ),
  );
  for (const outcome of outcomes) {
    if (outcome.kind === 'unchanged') unchanged.push(outcome.image);
    else if (outcome.kind === 'changed') changed.push(outcome.pair);
    else errored.push(outcome.pair);
  }

  return {
    added,
    added_count: added.length,
    removed,
    removed_count: removed.length,
    unchanged,
    unchanged_count: unchanged.length,
    skipped,
    skipped_count: skipped.length,
    changed,
    changed_count: changed.length,
    renamed,
    renamed_count: renamed.length,
    errored,
    errored_count: errored.length,
  };
}

type PairOutcome =
  | { kind: 'unchanged'; image: SnapshotImage }
  | { kind: 'changed'; pair: ImagePair }
  | { kind: 'errored'; pair: ImagePair };

async function comparePair(
  name: string,
  base: ComparedSnapshot,
  head: ComparedSnapshot,
  options: CompareSnapshotsOptions,
  budget: Semaphore,
): Promise<PairOutcome> {
  const baseImage = base.images[name]!;
  const headImage = head.images[name]!;
  const pair = { base_image: toSnapshotImage(name, baseImage), head_image: toSnapshotImage(name, headImage) };
  if (baseImage.content_hash === headImage.content_hash) return { kind: 'unchanged', image: pair.head_image };

  // async-mutex walks its waiters once per unit of weight, so weights stay small: megapixels.
  const megapixels = Math.ceil(
    (baseImage.width * baseImage.height + headImage.width * headImage.height) / 1e6,
  );
  let comparison: Awaited<ReturnType<typeof compareImages>>;
  try {
    comparison = await budget.runExclusive(
      async () => {
        const [baseBytes, headBytes] = await Promise.all([
          options.loadImage('base', name, baseImage),
          options.loadImage('head', name, headImage),
        ]);
        return compareImages(baseBytes, headBytes, {
          colorThreshold: options.colorThreshold,
          antialiasing: options.antialiasing,
          diffThreshold: headImage.diff_threshold ?? head.diffThreshold ?? 0,
          mask: options.storeDiffMask !== undefined,
        });
      },
      Math.min(Math.max(1, megapixels), options.megapixelBudget ?? defaultMegapixelBudget),
    );
  } catch (error) {
    if (isAbort(error)) throw error;
    return { kind: 'errored', pair: { ...pair, error_message: (error as Error).message } };
  }
  if (comparison.status === 'unchanged') return { kind: 'unchanged', image: pair.head_image };
  const diffImageKey = comparison.mask && (await options.storeDiffMask?.(name, comparison.mask));
  return {
    kind: 'changed',
    pair: {
      ...pair,
      diff: comparison.fraction,
      diff_pixel_count: comparison.changedPixels,
      ...(diffImageKey ? { diff_image_key: diffImageKey } : {}),
    },
  };
}

function isAbort(error: unknown): boolean {
  return (
    (error as Error | undefined)?.name === 'AbortError' ||
    (isSnapshotsError(error) && error.code === 'ABORTED')
  );
}

async function runAborting<T>(signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) throw new SnapshotsError('ABORTED', 'The comparison was aborted.', { cause: error });
    throw error;
  }
}
