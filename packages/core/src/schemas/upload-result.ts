import { z } from 'zod';
import { ImageMetadataSchema } from './image-metadata.js';
import { VcsContextSchema } from './vcs-context.js';

const millis = z.number().nonnegative();

/** One result, four faces: the SDK returns it, `--json` prints it, the action maps it. */
export const UploadResultSchema = z.object({
  artifactId: z.string().nullable(),
  snapshotUrl: z.string().nullable(),
  org: z.string(),
  project: z.string(),
  appId: z.string(),
  dryRun: z.boolean(),
  images: z.object({
    /** Images in the manifest. */
    count: z.number().int(),
    /** Image files and folders skipped with a warning (unreadable header, cut short, broken link…). */
    skipped: z.number().int(),
    /** Distinct contents among them. */
    uniqueObjects: z.number().int(),
    /** Each skipped image or folder, by its name in the folder, and why. */
    skippedFiles: z.array(z.object({ name: z.string(), reason: z.string() })),
    /** Sidecars whose metadata was not sent (not JSON, not an object, unreadable), and why. */
    ignoredSidecars: z.array(z.object({ name: z.string(), reason: z.string() })),
  }),
  objects: z.object({
    stored: z.number().int(),
    reused: z.number().int(),
    bytesSent: z.number().int(),
    requests: z.number().int(),
  }),
  timings: z.object({
    discover: millis,
    hash: millis,
    check: millis,
    store: millis,
    create: millis,
    total: millis,
  }),
  vcs: VcsContextSchema,
  warnings: z.array(z.string()),
  /** An upload of one shard: its objects are stored, and this file holds the rest for finalize. */
  shard: z.object({ file: z.string(), id: z.string() }).optional(),
  /** A finalized snapshot: the distinct shards it was made of, and the files read. */
  shards: z.object({ count: z.number().int(), files: z.array(z.string()) }).optional(),
  /** The manifest that was (or, on a dry run, would have been) sent. Only on a dry run. */
  manifest: z
    .looseObject({ app_id: z.string(), images: z.record(z.string(), ImageMetadataSchema) })
    .optional(),
});
export type UploadResult = z.infer<typeof UploadResultSchema>;
