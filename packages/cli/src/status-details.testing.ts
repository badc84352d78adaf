import { SnapshotDetailSchema } from '@sentry-snapshots/core/contract';

/** Recorded snapshot details (docs/sentry-api.md, "Snapshot detail") for the renderer and outcome tests. */

export const image = (name: string) => ({ key: `hash-${name}`, image_file_name: name, width: 4, height: 4 });
export const pair = (name: string, diff = 0.2) => ({
  base_image: image(name),
  head_image: image(name),
  diff_image_key: `diff-${name}`,
  diff,
});

/**
 * A finished comparison as Sentry reports it (docs/sentry-api.md, "Snapshot detail"), with every
 * list filled.
 */
export const changedDetail = SnapshotDetailSchema.parse({
  head_artifact_id: 77,
  base_artifact_id: 70,
  project_id: 3,
  app_id: 'web',
  state: 'processed',
  image_count: 16,
  images: [],
  comparison_type: 'diff',
  comparison_state: 'success',
  changed: Array.from({ length: 13 }, (_, i) => pair(`pages/page-${String(i).padStart(2, '0')}.png`)),
  changed_count: 13,
  added: [image('new.png')],
  added_count: 1,
  removed: [image('old.png')],
  removed_count: 1,
  unchanged: [],
  unchanged_count: 1,
  approval_status: 'requires_approval',
});

export const quietDetail = SnapshotDetailSchema.parse({
  ...changedDetail,
  changed: [],
  changed_count: 0,
  added: [],
  added_count: 0,
  removed: [],
  removed_count: 0,
  unchanged_count: 16,
  renamed: [{ base_image: image('a.png'), head_image: image('b.png') }],
  renamed_count: 1,
});
