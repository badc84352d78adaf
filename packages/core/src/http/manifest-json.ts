import type { SnapshotManifest } from '../schemas/create-snapshot.js';

const IMAGES_PER_PIECE = 1000;

/**
 * The create request's JSON, written a thousand images at a time: one `JSON.stringify` of a large
 * manifest holds the whole document as a string on the heap at its peak, while the pieces are
 * smaller and live outside it (peak RSS is measured in the bench, bench/results/latest.md).
 * Same document, with `images` last. Each piece is one `JSON.stringify` call: a loop over the
 * images, run before the JIT has warmed up, was slower.
 */
export function encodeManifestJson(manifest: SnapshotManifest): Buffer {
  const { images, ...fields } = manifest;
  const names = Object.keys(images);
  if (names.length <= IMAGES_PER_PIECE) return Buffer.from(JSON.stringify({ ...fields, images }));
  const head = JSON.stringify(fields);
  const pieces: Buffer[] = [Buffer.from(`${head.slice(0, -1)}${head === '{}' ? '' : ','}"images":{`)];
  for (let start = 0; start < names.length; start += IMAGES_PER_PIECE) {
    const piece: SnapshotManifest['images'] = {};
    for (const name of names.slice(start, start + IMAGES_PER_PIECE)) piece[name] = images[name]!;
    // The piece's members without its braces, joined to the previous piece's by a comma.
    pieces.push(Buffer.from(`${start === 0 ? '' : ','}${JSON.stringify(piece).slice(1, -1)}`));
  }
  pieces.push(Buffer.from('}}'));
  return Buffer.concat(pieces);
}
