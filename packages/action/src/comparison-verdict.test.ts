import { describe, expect, it } from 'vitest';
import { comparisonFixture } from '../test/report-fixtures.js';
import { comparisonVerdict } from './comparison-verdict.js';

const url = 'https://sentry.example/preprod/snapshots/123';

describe('comparisonVerdict', () => {
  it('fails on changes only when asked to, and not once they are approved', () => {
    const changed = comparisonFixture({ changed: ['a.png'] });
    expect(comparisonVerdict({ failOnChanges: true }, changed, url)).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: '1 changed: review them in Sentry. Changed: a.png.',
      hint: `Review the changes in Sentry (${url}); once approved there, re-run the job.`,
    });
    expect(comparisonVerdict({ failOnChanges: false }, changed, url)).toBeUndefined();
    for (const approval of ['approved', 'auto_approved']) {
      const approved = comparisonFixture({ changed: ['a.png'] }, { approval_status: approval });
      expect(comparisonVerdict({ failOnChanges: true }, approved, url)).toBeUndefined();
    }
    const pending = comparisonFixture({ changed: ['a.png'] }, { approval_status: 'requires_approval' });
    expect(comparisonVerdict({ failOnChanges: true }, pending, url)?.code).toBe('CHANGES_DETECTED');
    expect(
      comparisonVerdict({ failOnChanges: true }, comparisonFixture({ unchanged: ['a.png'] }), url),
    ).toBeUndefined();
  });

  it('names the images of each list in the error, a few per list', () => {
    const changed = Array.from({ length: 7 }, (_, index) => `screen-${index}.png`);
    const comparison = comparisonFixture({ changed, added: ['new.png'], removed: ['old.png'] });
    expect(comparisonVerdict({ failOnChanges: true }, comparison, url)?.message).toBe(
      '7 changed, 1 added, 1 removed: review them in Sentry. Changed: screen-0.png, screen-1.png, screen-2.png, screen-3.png, screen-4.png and 2 more. Added: new.png. Removed: old.png.',
    );
  });

  it('fails when Sentry could not compare, whatever fail-on-changes says', () => {
    const failed = comparisonFixture(
      {},
      { comparison_state: 'failed', comparison_error_message: 'image_fetch_failed' },
    );
    expect(comparisonVerdict({ failOnChanges: false }, failed, url)).toMatchObject({
      code: 'COMPARISON_FAILED',
      message: 'The comparison failed: image_fetch_failed',
    });
  });
});
