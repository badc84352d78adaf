import { describe, expect, it } from 'vitest';
import { renderReportHtml } from './render-report-html.js';
import type { ReportModel } from './report-model.js';

const counts = { changed: 1, added: 1, removed: 0, renamed: 1, errored: 0, unchanged: 4, skipped: 2 };
const image = (src: string, width = 10) => ({ src, width, height: 10 });

const model: ReportModel = {
  title: 'Compare <base> & "head"',
  subtitle: 'a → b',
  counts,
  entries: [
    {
      status: 'changed',
      name: 'Settings/<Profile>.png',
      base: image('base.png', 10),
      head: image('head.png', 20),
      diff: image('diff.png', 20),
      diffFraction: 0.1234,
    },
    { status: 'added', name: 'new.png', head: image('data:image/png;base64,AAAA') },
    { status: 'renamed', name: 'after.png', previousName: 'Before.png', head: image('after.png') },
  ],
};

describe('renderReportHtml', () => {
  const html = renderReportHtml(model);

  it('escapes names and titles', () => {
    expect(html).toContain('<title>Compare &#60;base&#62; &#38; &#34;head&#34;</title>');
    expect(html).toContain('Settings/&#60;Profile&#62;.png');
    expect(html).not.toContain('<Profile>');
  });

  it('shows the counts and one filter per status', () => {
    expect(html).toContain(
      '1 changed · 1 added · 0 removed · 1 renamed · 0 errored · 4 unchanged · 2 skipped',
    );
    for (const status of ['all', 'changed', 'added', 'removed', 'renamed', 'errored']) {
      expect(html).toContain(`data-filter="${status}"`);
    }
    expect(html).toMatch(/data-filter="all" aria-pressed="true">All <span class="count">3<\/span>/);
  });

  it('embeds each image once, sized relative to the widest of its entry', () => {
    expect(html.match(/src="base\.png"/g)).toHaveLength(1);
    expect(html.match(/src="head\.png"/g)).toHaveLength(1);
    expect(html).toContain('class="base" style="--share:0.5000"');
    expect(html).toContain('12.34% of pixels changed');
    expect(html).toContain('src="data:image/png;base64,AAAA"');
  });

  it('lets the name filter find a renamed image by either name', () => {
    expect(html).toContain('data-name="after.png before.png"');
  });

  it('says so when nothing changed', () => {
    const empty = renderReportHtml({ title: 't', counts: { ...counts, changed: 0 }, entries: [] });
    expect(empty).toContain('<p class="empty" hidden>Nothing changed.</p>');
  });
});
