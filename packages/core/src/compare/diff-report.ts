import { z } from 'zod';
import type { SnapshotComparison } from './snapshot-comparison.js';

/** One image of the diff report, in `sentry-cli snapshots diff`'s shape. */
export const DiffImageLineSchema = z.discriminatedUnion('status', [
  z.object({
    name: z.string(),
    status: z.literal('changed'),
    /** Percent of pixels that differ, to two decimals. */
    diff_percentage: z.number(),
    diff_pixel_count: z.number(),
    /** Where the mask was written, joined to the output folder as it was given. */
    diff_mask_path: z.string().optional(),
  }),
  z.object({ name: z.string(), status: z.enum(['unchanged', 'added', 'removed', 'skipped']) }),
  z.object({ name: z.string(), status: z.literal('renamed'), previous_name: z.string() }),
  z.object({ name: z.string(), status: z.literal('errored'), error: z.string() }),
]);
export type DiffImageLine = z.infer<typeof DiffImageLineSchema>;

export const DiffSummarySchema = z.object({
  total: z.number(),
  changed: z.number(),
  unchanged: z.number(),
  added: z.number(),
  removed: z.number(),
  skipped: z.number(),
  errored: z.number(),
  renamed: z.number(),
});
export type DiffSummary = z.infer<typeof DiffSummarySchema>;

/**
 * The JSON report of a folder comparison, in `sentry-cli snapshots diff`'s shape (plus
 * `report_path`, where the HTML report went). Folders are shown as the user gave them.
 */
export const DiffReportSchema = z.object({
  base_dir: z.string(),
  head_dir: z.string(),
  output_dir: z.string(),
  /** The pixel colour threshold. */
  threshold: z.number(),
  summary: DiffSummarySchema,
  /** Matched images, then added and renamed ones, then removed and skipped ones; each group by name. */
  images: z.array(DiffImageLineSchema),
  report_path: z.string().optional(),
});
export type DiffReport = z.infer<typeof DiffReportSchema>;

export type DiffReportHeader = Pick<DiffReport, 'base_dir' | 'head_dir' | 'output_dir' | 'threshold'>;

/** A comparison as sentry-cli's diff report. */
export function toDiffReport(comparison: SnapshotComparison, header: DiffReportHeader): DiffReport {
  const nameOf = (image: { image_file_name: string } | null | undefined) => image?.image_file_name ?? '';
  const matched: DiffImageLine[] = [
    ...comparison.changed.map((pair): DiffImageLine => {
      const fraction = typeof pair.diff === 'number' ? pair.diff : 0;
      return {
        name: nameOf(pair.head_image),
        status: 'changed',
        diff_percentage: Math.round(fraction * 10_000) / 100,
        diff_pixel_count: typeof pair.diff_pixel_count === 'number' ? pair.diff_pixel_count : 0,
        ...(pair.diff_image_key ? { diff_mask_path: pair.diff_image_key } : {}),
      };
    }),
    ...comparison.unchanged.map(
      (image): DiffImageLine => ({ name: image.image_file_name, status: 'unchanged' }),
    ),
    ...comparison.errored.map(
      (pair): DiffImageLine => ({
        name: nameOf(pair.head_image),
        status: 'errored',
        error:
          typeof pair.error_message === 'string' ? pair.error_message : 'The images could not be compared.',
      }),
    ),
  ].sort(byName);
  const appeared: DiffImageLine[] = [
    ...comparison.added.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'added' })),
    ...comparison.renamed.map(
      (pair): DiffImageLine => ({
        name: nameOf(pair.head_image),
        status: 'renamed',
        previous_name: nameOf(pair.base_image),
      }),
    ),
  ].sort(byName);
  const disappeared: DiffImageLine[] = [
    ...comparison.removed.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'removed' })),
    ...comparison.skipped.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'skipped' })),
  ].sort(byName);
  const images = [...matched, ...appeared, ...disappeared];
  return {
    ...header,
    summary: {
      total: images.length,
      changed: comparison.changed_count,
      unchanged: comparison.unchanged_count,
      added: comparison.added_count,
      removed: comparison.removed_count,
      skipped: comparison.skipped_count,
      errored: comparison.errored_count,
      renamed: comparison.renamed_count,
    },
    images,
  };
}

/** Code-unit order, the same on every machine and locale. */
function byName(a: DiffImageLine, b: DiffImageLine): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
