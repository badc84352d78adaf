import { SnapshotsError } from '../errors.js';
import { type SnapshotManifest, validateSnapshotManifest } from '../schemas/create-snapshot.js';
import type { ImageMetadata } from '../schemas/image-metadata.js';
import { type VcsContext, vcsFields, vcsWireNames } from '../schemas/vcs-context.js';

export interface ManifestInput {
  appId: string;
  images: Iterable<{ key: string; metadata: ImageMetadata }>;
  diffThreshold?: number | undefined;
  selective?: boolean | undefined;
  allImageFileNames?: string[] | undefined;
  vcs: VcsContext;
}

/**
 * Builds the create-snapshot body and checks it with the server's own rules, so a manifest the
 * server would reject never leaves the machine. Absent values are left out, never `null`.
 */
export function buildManifest(input: ManifestInput): SnapshotManifest {
  const images: Record<string, ImageMetadata> = {};
  for (const image of input.images) images[image.key] = image.metadata;

  const body: Record<string, unknown> = { app_id: input.appId, images };
  if (input.diffThreshold !== undefined) body.diff_threshold = input.diffThreshold;
  // A full names list implies a selective upload, as in sentry-cli.
  if (input.selective || input.allImageFileNames !== undefined) body.selective = true;
  if (input.allImageFileNames !== undefined) body.all_image_file_names = input.allImageFileNames;
  for (const field of vcsFields) {
    const value = input.vcs[field];
    if (value !== undefined && value !== '') body[vcsWireNames[field]] = value;
  }

  const validation = validateSnapshotManifest(body);
  if (!validation.ok) {
    throw new SnapshotsError('INVALID_MANIFEST', validation.detail, {
      hint: 'Sentry would reject this snapshot; fix the option or image named above and run again.',
    });
  }
  return validation.manifest;
}
