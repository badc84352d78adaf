import { describe, expect, it } from 'vitest';
import { comparisonFixture } from '../test/report-fixtures.js';
import { comparisonVerdict } from './comparison-verdict.js';

const url = 'https://sentry.example/preprod/snapshots/123';

describe('comparisonVerdict', () => {
  it('fails on changes only when asked to, and not once they are approved', () => {
    const changed = comparisonFixture({ changed: ['a.png'] });
    expect(comparisonVerdict({ failOnChanges: true }, changed, url)).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: '1 changed: review them in Sentry.',
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
