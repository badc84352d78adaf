import { z } from 'zod';
import { ImageTagsSchema } from './image-metadata.js';
import { ArtifactIdSchema, answerIssueParams, ProjectIdSchema } from './numeric-id.js';

export const SnapshotImageSchema = z.looseObject({
  key: z.string(),
  image_file_name: z.string(),
  display_name: z.string().nullish(),
  group: z.string().nullish(),
  width: z.number().int(),
  height: z.number().int(),
  diff_threshold: z.number().nullish(),
  description: z.string().nullish(),
  tags: ImageTagsSchema.nullish(),
  image_url: z.string().nullish(),
});
export type SnapshotImage = z.infer<typeof SnapshotImageSchema>;

export const ImagePairSchema = z.looseObject({
  base_image: SnapshotImageSchema.nullable(),
  head_image: SnapshotImageSchema.nullable(),
  diff_image_key: z.string().nullish(),
  diff: z.number().nullish(),
});
export type ImagePair = z.infer<typeof ImagePairSchema>;

export const ComparisonTypeSchema = z.enum(['diff', 'waiting_for_base', 'solo']);
export const ComparisonStateSchema = z.enum([
  'pending',
  'processing',
  'success',
  'failed',
  'waiting_for_base',
  'no_base_build',
]);
export type ComparisonState = z.infer<typeof ComparisonStateSchema>;
export const ApprovalStatusSchema = z.enum(['approved', 'auto_approved', 'requires_approval']);
export type ApprovalStatus = z.infer<typeof ApprovalStatusSchema>;

export const VcsInfoSchema = z.looseObject({
  head_sha: z.string().nullish(),
  base_sha: z.string().nullish(),
  provider: z.string().nullish(),
  head_repo_name: z.string().nullish(),
  base_repo_name: z.string().nullish(),
  head_ref: z.string().nullish(),
  base_ref: z.string().nullish(),
  pr_number: z.number().nullish(),
});

/** `GET organizations/{org}/preprodartifacts/snapshots/{artifactId}/` (snake_case). */
export const SnapshotDetailSchema = z.looseObject({
  head_artifact_id: ArtifactIdSchema,
  base_artifact_id: ArtifactIdSchema.nullish(),
  project_id: ProjectIdSchema,
  app_id: z.string(),
  state: z.string().nullish(),
  vcs_info: VcsInfoSchema.nullish(),
  image_count: z.number().int(),
  images: z.array(SnapshotImageSchema),
  is_selective: z.boolean().optional(),
  diff_threshold: z.number().nullish(),
  comparison_type: ComparisonTypeSchema,
  comparison_state: ComparisonStateSchema.nullable(),
  comparison_error_message: z.string().nullish(),
  added: z.array(SnapshotImageSchema).default([]),
  added_count: z.number().int().default(0),
  removed: z.array(SnapshotImageSchema).default([]),
  removed_count: z.number().int().default(0),
  unchanged: z.array(SnapshotImageSchema).default([]),
  unchanged_count: z.number().int().default(0),
  skipped: z.array(SnapshotImageSchema).default([]),
  skipped_count: z.number().int().default(0),
  changed: z.array(ImagePairSchema).default([]),
  changed_count: z.number().int().default(0),
  renamed: z.array(ImagePairSchema).default([]),
  renamed_count: z.number().int().default(0),
  errored: z.array(ImagePairSchema).default([]),
  errored_count: z.number().int().default(0),
  approval_status: ApprovalStatusSchema.nullish(),
});
export type SnapshotDetail = z.infer<typeof SnapshotDetailSchema>;

/** True when polling can stop: the comparison ended or never will. */
export function isComparisonSettled(
  detail: Pick<SnapshotDetail, 'comparison_type' | 'comparison_state'>,
): boolean {
  const state = detail.comparison_state;
  if (state === 'success' || state === 'failed' || state === 'no_base_build') return true;
  return detail.comparison_type === 'solo' && state === null;
}

export const SnapshotNotFoundDetail = 'Snapshot not found';

/** `GET organizations/{org}/preprodartifacts/snapshots/latest-base/`; some servers name the id `id`. */
export const LatestBaseSchema = z
  .looseObject({
    head_artifact_id: ArtifactIdSchema.optional(),
    id: ArtifactIdSchema.optional(),
    app_id: z.string().optional(),
    image_count: z.number().int(),
    images: z.array(SnapshotImageSchema),
    vcs_info: VcsInfoSchema.nullish(),
  })
  .transform(({ id, head_artifact_id, ...rest }) => ({
    ...rest,
    head_artifact_id: head_artifact_id ?? id ?? '',
  }))
  .refine((base) => base.head_artifact_id !== '', {
    error: 'has no artifact id (neither head_artifact_id nor id)',
    params: answerIssueParams,
  });
export type LatestBase = z.infer<typeof LatestBaseSchema>;

/** `GET …/snapshots/{id}/archive/` */
export const ArchiveStatusSchema = z.object({ ready: z.boolean() });
