import { describe, expect, it } from 'vitest';
import { comparisonFixture } from '../test/report-fixtures.js';
import { headlineComparison } from './comparison-headline.js';

describe('headlineComparison', () => {
  it('sums up changed, added and removed images in one line; unchanged ones are no change', () => {
    const quiet = headlineComparison(comparisonFixture({ unchanged: ['a.png', 'b.png'] }));
    expect(quiet).toMatchObject({ hasChanges: false, headline: 'No visual changes in 2 images.' });

    const busy = headlineComparison(
      comparisonFixture({ changed: ['a.png'], added: ['new.png', 'more.png'], removed: ['old.png'] }),
    );
    expect(busy).toMatchObject({
      hasChanges: true,
      headline: '1 changed, 2 added, 1 removed: review them in Sentry.',
      names: { changed: ['a.png'], added: ['new.png', 'more.png'], removed: ['old.png'] },
    });
  });

  it('says when the changes were approved in Sentry', () => {
    const approved = headlineComparison(
      comparisonFixture({ changed: ['a.png'] }, { approval_status: 'auto_approved' }),
    );
    expect(approved).toMatchObject({ approved: true, headline: '1 changed: approved in Sentry.' });
  });

  it('treats an image that could not be compared as a change', () => {
    const errored = comparisonFixture(
      {},
      {
        errored: [
          { base_image: null, head_image: { key: 'k', image_file_name: 'e.png', width: 1, height: 1 } },
        ],
        errored_count: 1,
      },
    );
    expect(headlineComparison(errored)).toMatchObject({ hasChanges: true, names: { errored: ['e.png'] } });
  });

  it('explains the states in which nothing was compared', () => {
    const headline = (state: string | null, type = 'diff', extra = {}) =>
      headlineComparison(comparisonFixture({}, { comparison_state: state, comparison_type: type, ...extra }))
        .headline;
    expect(headline('no_base_build')).toContain('No base snapshot');
    expect(headline('waiting_for_base', 'waiting_for_base')).toContain('Waiting for the base');
    expect(headline('failed', 'diff', { comparison_error_message: 'image_fetch_failed' })).toBe(
      'The comparison failed: image_fetch_failed',
    );
    expect(headline(null, 'solo')).toBe('Uploaded without a base to compare with.');
  });
});
