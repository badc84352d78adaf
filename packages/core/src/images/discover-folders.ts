import { resolve } from 'node:path';
import { SnapshotsError } from '../errors.js';
import { byKey } from '../text/compare-code-units.js';
import { type DiscoveredImage, type DiscoverImagesResult, discoverImages } from './discover-images.js';
import { type ImageFolder, prefixedName } from './image-folder.js';

/**
 * Finds the images of several folders as one suite: each folder's names under its prefix, all of
 * them sorted by name, so the folders' order does not change the manifest. Two files that would
 * get the same name are refused, naming both, before anything is read or stored.
 */
export async function discoverFolders(
  folders: readonly ImageFolder[],
  options: { cwd: string; signal?: AbortSignal | undefined },
): Promise<DiscoverImagesResult> {
  const [only] = folders;
  if (folders.length === 1 && only !== undefined && only.prefix === undefined) {
    return discoverImages(resolve(options.cwd, only.path), options);
  }
  const images: DiscoveredImage[] = [];
  const result: DiscoverImagesResult = { images, skipped: [], warnings: [] };
  for (const folder of folders) {
    const found = await discoverImages(resolve(options.cwd, folder.path), options);
    const name = (key: string) => prefixedName(folder.prefix, key);
    for (const image of found.images) images.push({ ...image, key: name(image.key) });
    for (const skipped of found.skipped) result.skipped.push({ ...skipped, key: name(skipped.key) });
    // Warnings name images by their key in the folder: said with the prefix when there is one.
    const where = folder.prefix === undefined ? '' : ` (in ${folder.path}, named under ${folder.prefix}/)`;
    result.warnings.push(...found.warnings.map((warning) => `${warning}${where}`));
  }
  images.sort(byKey);
  result.skipped.sort(byKey);
  for (let index = 1; index < images.length; index++) {
    const [first, second] = [images[index - 1]!, images[index]!];
    if (first.key === second.key) throw collision(first, second);
  }
  return result;
}

function collision(first: DiscoveredImage, second: DiscoveredImage): SnapshotsError {
  return new SnapshotsError(
    'DUPLICATE_IMAGE_KEY',
    `Two images would both be named ${first.key}: ${first.path} and ${second.path}.`,
    {
      hint: 'Give the folders different name prefixes (DIR=PREFIX), or leave one of the files out.',
      details: { name: first.key, files: [first.path, second.path] },
    },
  );
}
