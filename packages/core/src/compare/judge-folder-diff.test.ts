import { describe, expect, it } from 'vitest';
import { spellOptionError } from '../options/spell-option-error.js';
import type { DiffSummary } from './diff-report.js';
import { judgeFolderDiff } from './judge-folder-diff.js';

const nothing: DiffSummary = {
  total: 3,
  changed: 0,
  unchanged: 2,
  added: 0,
  removed: 0,
  skipped: 1,
  errored: 0,
  renamed: 0,
};
const everything: DiffSummary = { ...nothing, changed: 3, added: 1, removed: 2, renamed: 1, errored: 1 };

describe('judgeFolderDiff', () => {
  it('passes without failOnDiff, and with it when only unchanged and skipped images remain', () => {
    expect(judgeFolderDiff({ summary: everything }, { failOnDiff: false })).toBeUndefined();
    expect(judgeFolderDiff({ summary: nothing }, { failOnDiff: true })).toBeUndefined();
  });

  it("fails with CHANGES_DETECTED in sentry-cli's words, the summary in its details", () => {
    const failure = judgeFolderDiff({ summary: everything }, { failOnDiff: true });
    expect(failure).toMatchObject({
      code: 'CHANGES_DETECTED',
      message:
        '3 images differed from baseline, 1 image was added, 2 images were removed, 1 image was renamed, 1 image was not compared (errored)',
      details: { summary: everything },
    });
    const one = judgeFolderDiff({ summary: { ...nothing, changed: 1 } }, { failOnDiff: true });
    expect(one?.message).toBe('1 image differed from baseline');
  });

  it('points at the HTML report when one was written, else tells each frontend how to ask for one', () => {
    const reviewed = judgeFolderDiff({ summary: everything, report_path: 'diff.html' }, { failOnDiff: true });
    expect(reviewed).toMatchObject({ hint: 'Review them in diff.html.', option: undefined });

    const unreported = judgeFolderDiff({ summary: everything }, { failOnDiff: true });
    expect(unreported?.option).toBe('report');
    expect(unreported?.hint).not.toMatch(/--|report option/);
    const spelled = spellOptionError(unreported, {
      name: (_key, spec) => spec.flag,
      howToSet: (_key, spec) => `Pass ${spec.flag}`,
    });
    expect(spelled).toMatchObject({
      code: 'CHANGES_DETECTED',
      message: unreported?.message,
      hint: `Pass --report. ${unreported?.hint}`,
    });
  });
});
