import { realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { byKey } from '../text/compare-code-units.js';
import { type DirectoryListing, listDirectory, type UndecodableEntry } from './list-directory.js';

export interface DiscoveredImage {
  /** Path relative to the root, `/`-separated, extension kept: the image's identity across builds. */
  key: string;
  path: string;
  /** `a/b.json` beside `a/b.png`, when it exists. */
  sidecarPath?: string;
}

/** An image or folder left out, and why (a clause that follows its name). */
export interface SkippedImage {
  key: string;
  reason: string;
}

export interface DiscoverImagesResult {
  images: DiscoveredImage[];
  /** Images and folders left out; each is also a warning. */
  skipped: SkippedImage[];
  warnings: string[];
}

const imageExtension = /\.(png|jpe?g)$/i;

interface Walk {
  images: DiscoveredImage[];
  skipped: SkippedImage[];
  signal: AbortSignal | undefined;
}

function skip(walk: Walk, key: string, reason: string): void {
  walk.skipped.push({ key, reason });
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

const withSeparator = (path: string) => (path.endsWith(sep) ? path : path + sep);

/** True when `target` is one of the folders walked so far or contains one: following it would loop. */
function closesLoop(target: string, chain: readonly string[]): boolean {
  const prefix = withSeparator(target);
  return chain.some((real) => real === target || real.startsWith(prefix));
}

/** `chain` holds the real paths of the folders from the root down to this one. */
function walkDirectory(walk: Walk, path: string, chain: readonly string[], keyPrefix: string): void {
  walk.signal?.throwIfAborted();
  let listing: DirectoryListing;
  try {
    listing = listDirectory(path);
  } catch (error) {
    skip(walk, keyPrefix || './', `cannot read the folder (${errorCode(error)})`);
    return;
  }
  for (const undecodable of listing.undecodable) skipUndecodable(walk, undecodable, keyPrefix);
  const { entries } = listing;
  const names = new Set(entries.map((entry) => entry.name));
  // Concatenation, not path.join: its normalising was a large share of a walk over many files
  // (measured in the bench, bench/results/latest.md, "Hashing throughput").
  const folder = withSeparator(path);
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const entryPath = folder + entry.name;
    const key = keyPrefix + entry.name;
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    let entryReal: string | undefined;
    if (entry.isSymbolicLink()) {
      try {
        const target = statSync(entryPath);
        isDirectory = target.isDirectory();
        isFile = target.isFile();
        if (isDirectory) entryReal = realpathSync(entryPath);
      } catch (error) {
        skip(walk, key, `cannot follow the symbolic link (${errorCode(error)})`);
        continue;
      }
      if (entryReal && closesLoop(entryReal, chain)) {
        skip(walk, key, 'the symbolic link points to a folder that contains it (a loop)');
        continue;
      }
    }
    if (isDirectory) {
      entryReal ??= withSeparator(chain.at(-1)!) + entry.name;
      walkDirectory(walk, entryPath, [...chain, entryReal], `${key}/`);
    } else if (isFile && imageExtension.test(entry.name)) {
      const sidecarName = entry.name.replace(imageExtension, '.json');
      walk.images.push(
        names.has(sidecarName)
          ? { key, path: entryPath, sidecarPath: folder + sidecarName }
          : { key, path: entryPath },
      );
    }
  }
}

/**
 * Image names are JSON strings on the wire, and no string stands for bytes that are not UTF-8
 * without changing the name `download` would write back: such an image or folder is left out.
 */
function skipUndecodable(walk: Walk, { shownName, pathBytes, entry }: UndecodableEntry, keyPrefix: string) {
  if (shownName.startsWith('.')) return;
  let isDirectory = entry.isDirectory();
  if (entry.isSymbolicLink()) isDirectory = statOrUndefined(pathBytes)?.isDirectory() ?? false;
  if (isDirectory) {
    skip(
      walk,
      `${keyPrefix}${shownName}/`,
      'the folder name is not valid UTF-8, so its images cannot be named',
    );
  } else if (imageExtension.test(shownName)) {
    skip(walk, keyPrefix + shownName, 'the file name is not valid UTF-8, so the image cannot be named');
  }
}

function statOrUndefined(path: string | Buffer) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function caseCollisionWarnings(images: DiscoveredImage[]): string[] {
  const firstByLowerKey = new Map<string, string>();
  const collisions = new Map<string, string[]>();
  for (const { key } of images) {
    const lower = key.toLowerCase();
    const first = firstByLowerKey.get(lower);
    if (first === undefined) firstByLowerKey.set(lower, key);
    else collisions.set(lower, [...(collisions.get(lower) ?? [first]), key]);
  }
  return [...collisions.values()].map(
    (keys) =>
      `Image names ${keys.join(', ')} differ only in case: they collide on case-insensitive file systems.`,
  );
}

/**
 * Finds the images under `root` the way the official clients do (docs/sentry-api.md, "Finding
 * images"): recursive, through symbolic links, skipping dot-names, png/jpg/jpeg in any case, sorted
 * by key. Images and folders left out (a broken or looping link, a name that is not UTF-8) are in
 * `skipped`, and warnings.
 *
 * A hand-written walk rather than tinyglobby/fdir: fdir follows a link that loops back to an
 * ancestor one level deep before it stops (yielding `loop/a.png`-style duplicates) and drops broken
 * links silently, while loops should be skipped with a warning, as `sentry-cli` does.
 * Synchronous calls: through the promise API each call pays a thread-pool round trip, which
 * dominates a walk over many small entries (measured in the bench, bench/results/latest.md).
 */
export async function discoverImages(
  root: string,
  options: { signal?: AbortSignal } = {},
): Promise<DiscoverImagesResult> {
  return discoverImagesSync(root, options);
}

/** {@link discoverImages}, on this thread at once: the walk is synchronous calls anyway. */
export function discoverImagesSync(
  root: string,
  options: { signal?: AbortSignal } = {},
): DiscoverImagesResult {
  const rootStat = statOrUndefined(root);
  if (!rootStat?.isDirectory()) {
    throw new SnapshotsError(
      'PATH_NOT_FOUND',
      rootStat ? `${root} is not a folder.` : `The folder ${root} does not exist.`,
      { hint: 'Pass the folder that holds your screenshots (PNG or JPEG files).', details: { path: root } },
    );
  }
  const walk: Walk = { images: [], skipped: [], signal: options.signal };
  walkDirectory(walk, root, [realpathSync(root)], '');
  walk.images.sort(byKey);
  walk.skipped.sort(byKey);
  return {
    images: walk.images,
    skipped: walk.skipped,
    warnings: [
      ...walk.skipped.map(({ key, reason }) => `Skipped ${key}: ${reason}.`),
      ...caseCollisionWarnings(walk.images),
    ],
  };
}
