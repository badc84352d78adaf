import { z } from 'zod';
import { CreateSnapshotRequestSchema } from '../schemas/create-snapshot.js';
import { ImageMetadataSchema } from '../schemas/image-metadata.js';
import { MAX_FIELD_LENGTH, MAX_IMAGES } from '../schemas/limits.js';
import { VcsContextSchema } from '../schemas/vcs-context.js';

/** What the file says it is, so a finalize step that was handed another JSON file says so. */
export const SHARD_FORMAT = 'sentry-snapshots-shard';
export const SHARD_VERSION = 1;
/** A shard file is refused above this size: 50,000 images with generous sidecars fit in it. */
export const MAX_SHARD_BYTES = 64 * 1024 * 1024;

const text = z.string().min(1).max(MAX_FIELD_LENGTH);

/**
 * A shard: the part of one snapshot that one machine stored. Its objects are in the store already;
 * the file carries what the create request needs of its images, and everything every shard of the
 * snapshot must agree on. Written by `upload` with a shard file, read back by `finalize`.
 */
export const ShardManifestSchema = z.strictObject({
  format: z.literal(SHARD_FORMAT),
  version: z.literal(SHARD_VERSION),
  shard: z.strictObject({
    /** Random, made when the shard is written: the same file given twice is one shard. */
    id: z.uuid(),
    createdAt: z.iso.datetime(),
  }),
  /** As the shard's upload was given them: the finalize step targets the same ones. */
  org: text,
  project: text,
  /** `{orgId}/{projectId}`, the object keys' scope the shard stored its objects under. */
  objectScope: z
    .string()
    .regex(/^[^/]+\/[^/]+$/)
    .max(2 * MAX_FIELD_LENGTH),
  appId: CreateSnapshotRequestSchema.shape.app_id,
  diffThreshold: CreateSnapshotRequestSchema.shape.diff_threshold,
  selective: z.boolean(),
  allImageFileNames: z.array(z.string()).max(MAX_IMAGES).optional(),
  vcs: VcsContextSchema.strict(),
  images: z
    .record(z.string().min(1), ImageMetadataSchema)
    .refine((images) => Object.keys(images).length <= MAX_IMAGES, {
      error: `at most ${MAX_IMAGES} images`,
    }),
});
export type ShardManifest = z.infer<typeof ShardManifestSchema>;
