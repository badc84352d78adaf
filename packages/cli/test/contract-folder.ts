import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { encodeJpeg, encodePng, padPngBeforeEnd } from '@sentry-snapshots/test-kit/images';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function place(root: string, key: string, bytes: Buffer | string): Promise<void> {
  await mkdir(dirname(join(root, key)), { recursive: true });
  await writeFile(join(root, key), bytes);
}

/**
 * A folder with every case of the API's image rules (docs/sentry-api.md, "Finding images"): nested
 * folders, png + jpg + upper-case extension, sidecars (one overriding the client's fields, one not
 * an object), dot-files and dot-folders, a non-image file, two images with the same bytes. Returns
 * the exact `images` of the manifest Sentry must receive.
 */
export async function writeContractFolder(root: string): Promise<Record<string, Record<string, unknown>>> {
  const home = encodePng({ width: 8, height: 6, seed: 1 });
  const profile = encodeJpeg({ width: 10, height: 4, seed: 2 });
  const card = encodePng({ width: 5, height: 7, seed: 3 });
  const twin = encodePng({ width: 3, height: 3, seed: 4 });
  const plain = encodePng({ width: 4, height: 2, seed: 5 });
  await place(root, 'home.png', home);
  await place(
    root,
    'home.json',
    JSON.stringify({
      display_name: 'Home',
      group: 'main',
      tags: ['dark'],
      context: { locale: 'en' },
      content_hash: 'not-the-hash',
      width: 1,
    }),
  );
  await place(root, 'settings/profile.jpg', profile);
  await place(root, 'settings/profile.json', '[1, 2]');
  await place(root, 'settings/nested/deep/Card.PNG', card);
  await place(root, 'settings/notes.txt', 'not an image');
  await place(root, 'twins/a.png', twin);
  await place(root, 'twins/b.png', twin);
  await place(root, 'plain.png', plain);
  await place(root, '.hidden.png', encodePng({ width: 2, height: 2, seed: 6 }));
  await place(root, '.cache/cached.png', encodePng({ width: 2, height: 2, seed: 7 }));
  return {
    'home.png': {
      display_name: 'Home',
      group: 'main',
      tags: ['dark'],
      context: { locale: 'en' },
      content_hash: sha256(home),
      width: 8,
      height: 6,
    },
    'plain.png': { content_hash: sha256(plain), width: 4, height: 2 },
    'settings/nested/deep/Card.PNG': { content_hash: sha256(card), width: 5, height: 7 },
    'settings/profile.jpg': { content_hash: sha256(profile), width: 10, height: 4 },
    'twins/a.png': { content_hash: sha256(twin), width: 3, height: 3 },
    'twins/b.png': { content_hash: sha256(twin), width: 3, height: 3 },
  };
}

/**
 * A valid PNG header, then `size` random bytes, then its end chunk: over the 1 MiB single-object limit, such a
 * file is stored with its own PUT whose URL names its hash, so a fault can target it alone.
 */
export async function writeLargeImage(root: string, key: string, size = 1_200_000): Promise<string> {
  const bytes = padPngBeforeEnd(encodePng({ width: 4, height: 4, seed: size }), randomBytes(size));
  await place(root, key, bytes);
  return sha256(bytes);
}
