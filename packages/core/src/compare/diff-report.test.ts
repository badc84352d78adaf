import { describe, expect, it } from 'vitest';
import { DiffReportSchema, toDiffReport } from './diff-report.js';
import type { SnapshotComparison } from './snapshot-comparison.js';

const image = (name: string) => ({ key: `hash-${name}`, image_file_name: name, width: 4, height: 4 });
const pair = (name: string, from = name) => ({ base_image: image(from), head_image: image(name) });

const comparison: SnapshotComparison = {
  changed: [
    { ...pair('z.png'), diff: 1 / 3, diff_pixel_count: 5, diff_image_key: 'out/z.png' },
    { ...pair('b.png'), diff: 0.25, diff_pixel_count: 4 },
  ],
  changed_count: 2,
  unchanged: [image('c.png')],
  unchanged_count: 1,
  errored: [{ ...pair('a.png'), error_message: 'Cannot decode a.png' }, pair('d.png')],
  errored_count: 2,
  added: [image('y.png')],
  added_count: 1,
  renamed: [pair('m.png', 'old-m.png')],
  renamed_count: 1,
  removed: [image('r.png')],
  removed_count: 1,
  skipped: [image('k.png')],
  skipped_count: 1,
};

const header = { base_dir: 'base', head_dir: 'head', output_dir: './diff-output/', threshold: 0.01 };

describe('toDiffReport', () => {
  it("lists matched, then appeared, then disappeared images, each group by name, in sentry-cli's shape", () => {
    const report = toDiffReport(comparison, header);
    expect(DiffReportSchema.parse(report)).toEqual(report);
    expect(report).toEqual({
      ...header,
      summary: {
        total: 9,
        changed: 2,
        unchanged: 1,
        added: 1,
        removed: 1,
        skipped: 1,
        errored: 2,
        renamed: 1,
      },
      images: [
        { name: 'a.png', status: 'errored', error: 'Cannot decode a.png' },
        { name: 'b.png', status: 'changed', diff_percentage: 25, diff_pixel_count: 4 },
        { name: 'c.png', status: 'unchanged' },
        { name: 'd.png', status: 'errored', error: 'The images could not be compared.' },
        {
          name: 'z.png',
          status: 'changed',
          diff_percentage: 33.33,
          diff_pixel_count: 5,
          diff_mask_path: 'out/z.png',
        },
        { name: 'm.png', status: 'renamed', previous_name: 'old-m.png' },
        { name: 'y.png', status: 'added' },
        { name: 'k.png', status: 'skipped' },
        { name: 'r.png', status: 'removed' },
      ],
    });
  });

  it('reports an empty comparison with zero counts', () => {
    const empty = toDiffReport(
      {
        changed: [],
        changed_count: 0,
        unchanged: [],
        unchanged_count: 0,
        errored: [],
        errored_count: 0,
        added: [],
        added_count: 0,
        renamed: [],
        renamed_count: 0,
        removed: [],
        removed_count: 0,
        skipped: [],
        skipped_count: 0,
      },
      header,
    );
    expect(empty.images).toEqual([]);
    expect(Object.values(empty.summary)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
