import { SnapshotDetailSchema, summarizeComparison } from '@sentry-snapshots/core';
import { describe, expect, it } from 'vitest';
import { changedDetail, pair, quietDetail } from './status-details.testing.js';
import { statusOutcome } from './status-outcome.js';

describe('statusOutcome', () => {
  it('fails on changes only when asked to', () => {
    const summary = summarizeComparison(changedDetail);
    expect(statusOutcome(summary, { failOnChanges: false })).toBeUndefined();
    const error = statusOutcome(summary, { failOnChanges: true, detail: changedDetail });
    expect(error).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: 'Snapshot 77 differs from its base: 13 changed, 1 added, 1 removed.',
      details: { summary, detail: changedDetail },
    });
  });

  it('carries extra details beside the summary', () => {
    const summary = summarizeComparison(changedDetail);
    const error = statusOutcome(summary, { failOnChanges: true, details: { upload: { artifactId: '77' } } });
    expect(error?.details).toEqual({ upload: { artifactId: '77' }, summary });
  });

  it('passes a renamed-only comparison: a rename is not a visual change', () => {
    expect(statusOutcome(summarizeComparison(quietDetail), { failOnChanges: true })).toBeUndefined();
  });

  it('fails on errored images', () => {
    const errored = SnapshotDetailSchema.parse({
      ...quietDetail,
      errored: [pair('x.png')],
      errored_count: 1,
    });
    expect(statusOutcome(summarizeComparison(errored), { failOnChanges: true })).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: 'Snapshot 77 differs from its base: 1 errored.',
    });
  });

  it('turns a failed comparison into COMPARISON_FAILED, with or without --fail-on-changes', () => {
    const failed = SnapshotDetailSchema.parse({
      ...quietDetail,
      comparison_state: 'failed',
      comparison_error_message: 'image_fetch_failed',
    });
    for (const failOnChanges of [false, true]) {
      expect(statusOutcome(summarizeComparison(failed), { failOnChanges })).toMatchObject({
        code: 'COMPARISON_FAILED',
        message: 'The comparison of snapshot 77 failed: image_fetch_failed',
      });
    }
  });
});
