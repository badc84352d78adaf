import { describe, expect, it } from 'vitest';
import { type SnapshotDetail, SnapshotDetailSchema } from '../schemas/snapshot-detail.js';
import { judgeComparison, nothingCompared } from './judge-comparison.js';
import { summarizeComparison } from './summarize-comparison.js';

const image = (name: string) => ({ key: `hash-${name}`, image_file_name: name, width: 4, height: 4 });
const pair = (name: string) => ({ base_image: image(name), head_image: image(name), diff: 0.2 });
const url = 'https://sentry.example/preprod/snapshots/77';

function comparison(
  lists: { changed?: string[]; added?: string[]; removed?: string[]; errored?: string[] },
  overrides: Record<string, unknown> = {},
): SnapshotDetail {
  const { changed = [], added = [], removed = [], errored = [] } = lists;
  return SnapshotDetailSchema.parse({
    head_artifact_id: '77',
    base_artifact_id: '70',
    project_id: '3',
    app_id: 'web',
    image_count: 16,
    images: [],
    comparison_type: 'diff',
    comparison_state: 'success',
    changed: changed.map(pair),
    changed_count: changed.length,
    added: added.map(image),
    added_count: added.length,
    removed: removed.map(image),
    removed_count: removed.length,
    errored: errored.map(pair),
    errored_count: errored.length,
    renamed: [{ base_image: image('a.png'), head_image: image('b.png') }],
    renamed_count: 1,
    ...overrides,
  });
}

const judge = (detail: SnapshotDetail, failOnChanges = true) =>
  judgeComparison(summarizeComparison(detail), { failOnChanges, snapshotUrl: url });

describe('judgeComparison', () => {
  it('fails on unapproved changes only when asked to, naming a few images per list', () => {
    const changed = Array.from({ length: 7 }, (_, index) => `screen-${index}.png`);
    const detail = comparison(
      { changed, added: ['new.png'], removed: ['old.png'] },
      { approval_status: 'requires_approval' },
    );
    expect(judge(detail, false)).toBeUndefined();
    expect(judge(detail)).toMatchObject({
      code: 'CHANGES_DETECTED',
      message:
        'Snapshot 77 differs from its base: 7 changed, 1 added, 1 removed. Changed: screen-0.png, screen-1.png, screen-2.png, screen-3.png, screen-4.png and 2 more. Added: new.png. Removed: old.png.',
      hint: `Review the changes in Sentry (${url}) and approve them there (a rerun then passes), or fix what changed.`,
      details: { summary: summarizeComparison(detail) },
    });
  });

  it('passes changes that were approved in Sentry, by a reviewer or automatically', () => {
    for (const approval_status of ['approved', 'auto_approved']) {
      expect(judge(comparison({ changed: ['a.png'] }, { approval_status }))).toBeUndefined();
    }
    for (const approval_status of ['requires_approval', null]) {
      expect(judge(comparison({ changed: ['a.png'] }, { approval_status }))?.code).toBe('CHANGES_DETECTED');
    }
  });

  it('fails on errored images and passes a renamed-only comparison', () => {
    expect(judge(comparison({ errored: ['x.png'] }))?.message).toBe(
      'Snapshot 77 differs from its base: 1 errored. Errored: x.png.',
    );
    expect(judge(comparison({}))).toBeUndefined();
  });

  it('fails a failed comparison whatever fail-on-changes says, approved or not', () => {
    const failed = comparison(
      {},
      {
        comparison_state: 'failed',
        comparison_error_message: 'image_fetch_failed',
        approval_status: 'approved',
      },
    );
    for (const failOnChanges of [false, true]) {
      expect(judge(failed, failOnChanges)).toMatchObject({
        code: 'COMPARISON_FAILED',
        message: 'The comparison of snapshot 77 failed: image_fetch_failed',
      });
    }
  });

  it('carries extra details beside the summary', () => {
    const detail = comparison({ changed: ['a.png'] });
    const error = judgeComparison(summarizeComparison(detail), {
      failOnChanges: true,
      details: { upload: { artifactId: '77' } },
    });
    expect(error?.details).toEqual({ upload: { artifactId: '77' }, summary: summarizeComparison(detail) });
  });

  it('passes a base commit without a snapshot with a notice, and fails it only when a base is required', () => {
    const vcs_info = { base_sha: 'c'.repeat(40), base_ref: 'main' };
    for (const comparison_state of ['no_base_build', 'waiting_for_base']) {
      const detail = comparison({}, { comparison_type: 'diff', comparison_state, vcs_info });
      const summary = summarizeComparison(detail);
      expect(judgeComparison(summary, { failOnChanges: true })).toBeUndefined();
      expect(nothingCompared(summary)).toContain('Base commit ccccccc (main) has no snapshot');
      expect(judgeComparison(summary, { failOnChanges: false, requireBase: true })).toMatchObject({
        code: 'BASE_NOT_FOUND',
        option: 'requireBase',
        message: 'Base commit ccccccc (main) has no snapshot to compare snapshot 77 with.',
        hint: expect.stringContaining("A snapshot of ccccccc is made by an upload from the base branch's CI"),
      });
    }
  });

  it('passes a build that sent no base as a base build, saying so, even when a base is required', () => {
    const solo = summarizeComparison(comparison({}, { comparison_type: 'solo', comparison_state: null }));
    expect(judgeComparison(solo, { failOnChanges: true, requireBase: true })).toBeUndefined();
    expect(nothingCompared(solo)).toBe(
      'Nothing was compared: no base commit was sent, so snapshot 77 is a base build.',
    );
    expect(nothingCompared(summarizeComparison(comparison({ changed: ['a.png'] })))).toBeUndefined();
  });
});
