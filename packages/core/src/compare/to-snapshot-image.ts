import type { ImageMetadata } from '../schemas/image-metadata.js';
import type { SnapshotImage } from '../schemas/snapshot-detail.js';

/** An uploaded image as the detail endpoint shows it: `key` is the content hash, the name moves to `image_file_name`. */
export function toSnapshotImage(name: string, metadata: ImageMetadata): SnapshotImage {
  const { content_hash, ...rest } = metadata;
  return { ...rest, key: content_hash, image_file_name: name };
}
