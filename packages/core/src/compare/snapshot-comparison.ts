import type { z } from 'zod';
import { SnapshotDetailSchema } from '../schemas/snapshot-detail.js';

/**
 * The lists and counts of a comparison, exactly as the snapshot detail endpoint reports them
 * (docs/sentry-api.md, "Snapshot detail").
 */
export const SnapshotComparisonSchema = SnapshotDetailSchema.pick({
  added: true,
  added_count: true,
  removed: true,
  removed_count: true,
  unchanged: true,
  unchanged_count: true,
  skipped: true,
  skipped_count: true,
  changed: true,
  changed_count: true,
  renamed: true,
  renamed_count: true,
  errored: true,
  errored_count: true,
});
export type SnapshotComparison = z.infer<typeof SnapshotComparisonSchema>;
