import { describe, expect, it } from 'vitest';
import { comparisonFixture, uploadResultFixture } from '../test/report-fixtures.js';
import { renderComment, renderFailureSummary, renderSkippedSummary, renderSummary } from './render-report.js';

const names = (count: number, prefix: string) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${i}.png`);

describe('renderSummary', () => {
  it('shows the link, the counts, the names, the VCS context and the timings', () => {
    const summary = renderSummary({
      upload: uploadResultFixture(),
      comparison: comparisonFixture({ changed: ['home.png'], added: ['new.png'], unchanged: ['a.png'] }),
      waitMs: 2500,
      waited: true,
    });
    expect(summary).toContain(
      '[View snapshot 123 in Sentry](https://sentry.example/preprod/snapshots/123?project=2)',
    );
    expect(summary).toContain('**1 changed, 1 added: review them in Sentry.**');
    expect(summary).toContain(
      '| Changed | Added | Removed | Renamed | Errored | Unchanged |\n| --- | --- | --- | --- | --- | --- |\n| 1 | 1 | 0 | 0 | 0 | 1 |',
    );
    expect(summary).toContain('**Changed**\n\n- <code>home.png</code>');
    expect(summary).toContain('**Added**\n\n- <code>new.png</code>');
    expect(summary).toContain('| 3 | 0 | 1 | 2 | 2.0 KiB | 4 |');
    expect(summary).toContain(`| <code>head_sha</code> | <code>${'b'.repeat(40)}</code> |`);
    expect(summary).toContain('| <code>pr_number</code> | <code>12</code> |');
    expect(summary).toContain('| 5 ms | 10 ms | 20 ms | 30 ms | 40 ms | 2.5 s | 4.0 s |');
  });

  it('folds long lists and bounds them', () => {
    const summary = renderSummary({
      upload: uploadResultFixture(),
      comparison: comparisonFixture({ changed: names(600, 'page') }),
      waitMs: 1,
      waited: true,
    });
    expect(summary).toContain(
      '<details><summary><b>Changed</b> (600)</summary>\n\n- <code>page-0.png</code>',
    );
    expect(summary).toContain('- … and 100 more\n\n</details>');
    expect(summary).not.toContain('page-500.png');
  });

  it('escapes names, says when nothing was waited for and when no VCS context was sent', () => {
    const summary = renderSummary({
      upload: uploadResultFixture({ appId: '<b>app</b>', vcs: {}, snapshotUrl: null }),
      comparison: undefined,
      waitMs: undefined,
      waited: false,
    });
    expect(summary).toContain('## Sentry snapshot · <code>&#60;b&#62;app&#60;/b&#62;</code>');
    expect(summary).toContain('Snapshot 123 created. · 3 images');
    expect(summary).toContain('Uploaded; the run did not wait for the comparison.');
    expect(summary).toContain('No VCS context was sent');
    expect(summary).not.toContain('Wait');
  });

  it('shows no counts when nothing was compared', () => {
    const summary = renderSummary({
      upload: uploadResultFixture({
        images: { count: 1, skipped: 0, uniqueObjects: 1, skippedFiles: [], ignoredSidecars: [] },
      }),
      comparison: comparisonFixture({}, { comparison_state: 'no_base_build' }),
      waitMs: 1,
      waited: true,
    });
    expect(summary).toContain('· 1 image\n');
    expect(summary).toContain('**No base snapshot to compare with: upload one from the base branch.**');
    expect(summary).not.toContain('| Changed |');
  });
});

describe('text from outside in Markdown', () => {
  it('shows names and warnings as written: no tag, link, emphasis, cell or line of their own', () => {
    const summary = renderSummary({
      upload: uploadResultFixture({
        warnings: ['Skipped [x](https://evil.example) *y* | z\n# h: bad header.'],
      }),
      comparison: comparisonFixture({ added: ['a\n## <img src=x>[l](u)`@someone`_|.png'] }),
      waitMs: 1,
      waited: true,
    });
    expect(summary).toContain(
      '- <code>a&#92;n&#35;&#35; &#60;img src=x&#62;&#91;l&#93;(u)&#96;&#64;someone&#96;&#95;&#124;.png</code>',
    );
    expect(summary).toContain(
      '- Skipped &#91;x&#93;(https://evil.example) &#42;y&#42; &#124; z&#92;n&#35; h: bad header.',
    );
  });

  it('links only an http(s) snapshot URL, with parentheses encoded', () => {
    const render = (snapshotUrl: string) =>
      renderComment({
        upload: uploadResultFixture({ snapshotUrl }),
        comparison: undefined,
        waitMs: undefined,
        waited: false,
      });
    expect(render('https://sentry.example/s/1?x=(a) [b](c)')).toContain(
      '[View snapshot 123 in Sentry](https://sentry.example/s/1?x=%28a%29%20[b]%28c%29)',
    );
    expect(render('javascript:alert(1)')).toContain('Snapshot 123 created.');
  });
});

describe('renderComment', () => {
  it('is short: headline, counts and at most 50 names a list, with the head commit', () => {
    const comment = renderComment({
      upload: uploadResultFixture(),
      comparison: comparisonFixture({ removed: names(80, 'gone') }),
      waitMs: 1,
      waited: true,
    });
    expect(comment).toContain('**80 removed: review them in Sentry.**');
    expect(comment).toContain('- … and 30 more');
    expect(comment).not.toContain('gone-50.png');
    expect(comment).toContain('Updated by sentry-snapshots for bbbbbbb.');
    expect(comment).not.toContain('Timings');
  });
});

describe('the summaries of runs that did not upload', () => {
  it('say why', () => {
    expect(renderSkippedSummary('web', 'no token')).toBe(
      '## Sentry snapshot · <code>web</code>\n\nSkipped: no token',
    );
    expect(renderFailureSummary('web', 'Sentry answered 503', 'Try again later.', false)).toBe(
      '## Sentry snapshot · <code>web</code>\n\n**Warning** (fail-on-error is off): Sentry answered 503\n\nHint: Try again later.',
    );
    expect(renderFailureSummary(undefined, 'Input "path" is required', undefined, true)).toBe(
      '## Sentry snapshot\n\n**Failed**: Input "path" is required',
    );
  });
});
