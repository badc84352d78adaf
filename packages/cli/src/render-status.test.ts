import { summarizeComparison } from '@sentry-snapshots/core';
import { SnapshotDetailSchema } from '@sentry-snapshots/core/contract';
import { describe, expect, it } from 'vitest';
import { renderStatus } from './render-status.js';
import { changedDetail, pair, quietDetail } from './status-details.testing.js';

describe('renderStatus', () => {
  it('shows state, counts and the names of changed, added and removed images, truncated', () => {
    const text = renderStatus(summarizeComparison(changedDetail), changedDetail);
    expect(text).toBe(
      [
        'Snapshot    77 (app web, 16 images)',
        'Base        70',
        'Comparison  diff, success',
        'Approval    requires_approval',
        '',
        '  changed    13',
        '  added       1',
        '  removed     1',
        '  renamed     0',
        '  errored     0',
        '  unchanged   1',
        '  skipped     0',
        '',
        'Changed:',
        ...Array.from({ length: 10 }, (_, i) => `  pages/page-${String(i).padStart(2, '0')}.png`),
        '  …and 3 more',
        '',
        'Added:',
        '  new.png',
        '',
        'Removed:',
        '  old.png',
        '',
        'Changes found.',
        '',
      ].join('\n'),
    );
  });

  it('says when the changes were approved in Sentry', () => {
    const approved = SnapshotDetailSchema.parse({ ...changedDetail, approval_status: 'approved' });
    expect(renderStatus(summarizeComparison(approved), approved)).toMatch(
      /Approval {4}approved\n[\s\S]*\nChanges found, approved in Sentry\.\n$/,
    );
  });

  it('counts names the server left out of its lists in "…and N more"', () => {
    const paged = SnapshotDetailSchema.parse({
      ...changedDetail,
      changed: [pair('one.png')],
      changed_count: 40,
    });
    const text = renderStatus(summarizeComparison(paged), paged, { maxNames: 5 });
    expect(text).toContain('Changed:\n  one.png\n  …and 39 more\n');
  });

  it('says why there is nothing to show for a solo snapshot and a pending comparison', () => {
    const solo = SnapshotDetailSchema.parse({
      ...quietDetail,
      base_artifact_id: null,
      comparison_type: 'solo',
      comparison_state: null,
    });
    expect(renderStatus(summarizeComparison(solo), solo)).toBe(
      [
        'Snapshot    77 (app web, 16 images)',
        'Base        -',
        'Comparison  solo, no base to compare with',
        'Approval    requires_approval',
        '',
        'Nothing was compared: no base commit was sent, so snapshot 77 is a base build.',
        'To compare, give its base: --base-sha with --base-repo-name (found in CI), or --force-git-metadata outside CI; `sentry-snapshots doctor` shows what was found.',
        '',
      ].join('\n'),
    );
    const waiting = SnapshotDetailSchema.parse({
      ...solo,
      comparison_type: 'waiting_for_base',
      comparison_state: 'waiting_for_base',
    });
    expect(renderStatus(summarizeComparison(waiting), waiting)).toContain(
      "Comparison  waiting_for_base, waiting_for_base\nApproval    requires_approval\n\nNothing compared yet: The base commit has no snapshot; Sentry compares as soon as one is uploaded. A snapshot of the base commit is made by an upload from the base branch's CI, at that commit.\nThe comparison has not finished",
    );
  });

  it('shows the error of a failed comparison', () => {
    const failed = SnapshotDetailSchema.parse({
      ...quietDetail,
      comparison_state: 'failed',
      comparison_error_message: 'image_fetch_failed',
    });
    const text = renderStatus(summarizeComparison(failed), failed);
    expect(text).toContain('Comparison  diff, failed\nError       image_fetch_failed\n');
    expect(text).toMatch(/The comparison failed\.\n$/);
  });
});
