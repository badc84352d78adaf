import { z } from 'zod';
import { ImageMetadataSchema, imageFieldReasons } from './image-metadata.js';
import { MAX_FIELD_LENGTH, MAX_IMAGES, RESERVED_IMAGE_NAME } from './limits.js';
import { ArtifactIdSchema, numericIdSchema } from './numeric-id.js';

const SHA_PATTERN = /^(?:[0-9a-f]{40})?$/;

const boundedString = (field: string) =>
  z.string({ error: fieldMessage(field) }).max(MAX_FIELD_LENGTH, { error: fieldMessage(field) });

function fieldMessage(field: string): string {
  return `The ${field} field must be a string with maximum length of ${MAX_FIELD_LENGTH} characters.`;
}

const sha = (field: string) =>
  z.string({ error: shaMessage(field) }).regex(SHA_PATTERN, { error: shaMessage(field) });

function shaMessage(field: string): string {
  return `The ${field} field must be a 40-character hexadecimal SHA1 string (no uppercase letters).`;
}

export const createSnapshotMessages = {
  appId: `The app_id field is required and must be a string with maximum length of ${MAX_FIELD_LENGTH} characters.`,
  images: 'The images field is required and must be an object mapping image names to image metadata.',
  selective: 'The selective field must be a boolean.',
  allImageFileNames: `The all_image_file_names field must be an array of strings with at most ${MAX_IMAGES} entries.`,
  provider: `The provider field must be a string with maximum length of ${MAX_FIELD_LENGTH} characters containing the domain of the VCS provider (ex. github.com)`,
  prNumber: 'The pr_number field must be a positive integer.',
  diffThreshold: 'The diff_threshold field must be a number greater than or equal to 0 and less than 1.',
  invalidJson: 'Invalid json body',
  namesRequireSelective: 'all_image_file_names requires selective to be true.',
  selectiveRequiresBase: 'selective requires base_sha to be provided.',
  namesNotEmpty: 'all_image_file_names must not be empty.',
  everyImageListed: 'Every image name must appear in all_image_file_names.',
  reservedName: `The filename ${RESERVED_IMAGE_NAME} is reserved.`,
} as const;

/**
 * The body of `POST projects/{org}/{project}/preprodartifacts/snapshots/`. Optional fields never
 * accept `null`: an absent value is left out. Unknown top-level keys are ignored by the server.
 */
export const CreateSnapshotRequestSchema = z.object({
  app_id: z
    .string({ error: createSnapshotMessages.appId })
    .max(MAX_FIELD_LENGTH, { error: createSnapshotMessages.appId }),
  // Checked in place rather than as a record, which would copy all 50,000 entries of a large upload.
  images: z
    .custom<Record<string, unknown>>(
      (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
      { error: createSnapshotMessages.images },
    )
    .refine((images) => Object.keys(images).length <= MAX_IMAGES, {
      error: createSnapshotMessages.images,
    }),
  diff_threshold: z
    .number({ error: createSnapshotMessages.diffThreshold })
    .min(0, { error: createSnapshotMessages.diffThreshold })
    .lt(1, { error: createSnapshotMessages.diffThreshold })
    .optional(),
  selective: z.boolean({ error: createSnapshotMessages.selective }).optional(),
  all_image_file_names: z
    .array(z.string(), { error: createSnapshotMessages.allImageFileNames })
    .max(MAX_IMAGES, { error: createSnapshotMessages.allImageFileNames })
    .optional(),
  head_sha: sha('head_sha').optional(),
  base_sha: sha('base_sha').optional(),
  provider: z
    .string({ error: createSnapshotMessages.provider })
    .max(MAX_FIELD_LENGTH, { error: createSnapshotMessages.provider })
    .optional(),
  head_repo_name: boundedString('head_repo_name').optional(),
  base_repo_name: boundedString('base_repo_name').optional(),
  head_ref: boundedString('head_ref').optional(),
  base_ref: boundedString('base_ref').optional(),
  pr_number: z
    .number({ error: createSnapshotMessages.prNumber })
    .int({ error: createSnapshotMessages.prNumber })
    .min(1, { error: createSnapshotMessages.prNumber })
    .optional(),
});

export type SnapshotManifest = Omit<z.infer<typeof CreateSnapshotRequestSchema>, 'images'> & {
  images: Record<string, z.infer<typeof ImageMetadataSchema>>;
};

export type ManifestValidation = { ok: true; manifest: SnapshotManifest } | { ok: false; detail: string };

// Manifests this module has already passed, so a client need not pay for validating one twice.
const validatedManifests = new WeakSet<SnapshotManifest>();

/** True for a manifest `validateSnapshotManifest` returned (the object itself, not a copy). */
export function isValidatedManifest(manifest: SnapshotManifest): boolean {
  return validatedManifests.has(manifest);
}

/**
 * Validates a manifest exactly as the server does and answers with the server's `detail` for the
 * first problem. The emulator answers 400 with it; the client refuses to send such a manifest.
 */
export function validateSnapshotManifest(body: unknown): ManifestValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, detail: createSnapshotMessages.invalidJson };
  }
  const parsed = CreateSnapshotRequestSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, detail: parsed.error.issues[0]?.message ?? createSnapshotMessages.invalidJson };
  }
  const fields = parsed.data;
  // The caller's own image objects, once checked: the schema is loose and transforms nothing, and
  // copies of 50,000 of them were the peak of a large upload's memory.
  const images = fields.images as SnapshotManifest['images'];
  for (const name in images) {
    const value = images[name];
    if (isPlainImage(value)) continue;
    const issue = ImageMetadataSchema.safeParse(value).error?.issues[0];
    if (issue) return { ok: false, detail: imageIssueMessage(name, value, issue) };
  }
  const names = fields.all_image_file_names;
  if (names !== undefined && fields.selective !== true) {
    return { ok: false, detail: createSnapshotMessages.namesRequireSelective };
  }
  if (fields.selective === true && !fields.base_sha) {
    return { ok: false, detail: createSnapshotMessages.selectiveRequiresBase };
  }
  if (names !== undefined && names.length === 0) {
    return { ok: false, detail: createSnapshotMessages.namesNotEmpty };
  }
  if (names !== undefined) {
    const listed = new Set(names);
    if (Object.keys(images).some((name) => !listed.has(name))) {
      return { ok: false, detail: createSnapshotMessages.everyImageListed };
    }
  }
  if (Object.hasOwn(images, RESERVED_IMAGE_NAME)) {
    return { ok: false, detail: createSnapshotMessages.reservedName };
  }
  const manifest: SnapshotManifest = { ...fields, images };
  validatedManifests.add(manifest);
  return { ok: true, manifest };
}

/**
 * An image without sidecar fields that the schema would pass, recognised without zod: for a large
 * manifest this is several times cheaper than the schema (uploads of up to 50,000 images are
 * measured in the bench, bench/results/latest.md).
 */
function isPlainImage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  let keys = 0;
  for (const _ in value) keys += 1;
  const { content_hash, width, height } = value as Record<string, unknown>;
  return (
    keys === 3 &&
    typeof content_hash === 'string' &&
    content_hash.length > 0 &&
    Number.isInteger(width) &&
    (width as number) >= 0 &&
    Number.isInteger(height) &&
    (height as number) >= 0
  );
}

function imageIssueMessage(name: string, value: unknown, issue: z.core.$ZodIssue | undefined): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `Validation error in image "${name}", field "content_hash": must be provided in an image metadata object`;
  }
  const field = String(issue?.path[0] ?? 'content_hash');
  const missing = !Object.hasOwn(value, field);
  const reason = missing ? 'field is required' : (imageFieldReasons[field] ?? 'is invalid');
  return `Validation error in image "${name}", field "${field}": ${reason}`;
}

/** The 200 answer (not 201), camelCase. */
export const CreateSnapshotResponseSchema = z.object({
  artifactId: ArtifactIdSchema,
  snapshotMetricsId: numericIdSchema('a snapshot metrics id').optional(),
  imageCount: z.number().int().optional(),
  snapshotUrl: z.string().nullable().optional(),
});
export type CreateSnapshotResponse = z.infer<typeof CreateSnapshotResponseSchema>;
