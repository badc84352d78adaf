import { SnapshotsError } from '../errors.js';
import type { ComparisonSummary } from './summarize-comparison.js';

export interface JudgeComparisonOptions {
  /** Fail when images changed, were added, removed or errored, unless a reviewer approved them. */
  failOnChanges: boolean;
  /** Fail when the base commit has no snapshot, instead of passing with a notice. */
  requireBase?: boolean | undefined;
  /** Where the reviewer approves, named in the hint when known. */
  snapshotUrl?: string | null | undefined;
  /** Facts the error carries beside the summary (the CLI's `--json` puts the upload result there). */
  details?: Record<string, unknown> | undefined;
}

const changeLists = ['changed', 'added', 'removed', 'errored'] as const;

/** Enough names to point at the images; the status table and Sentry list them all. */
const namesPerList = 5;

/**
 * The gate, for every frontend: the error that fails a run for this comparison, or undefined when
 * it passes. A failed comparison always fails; changes fail only when asked to, and pass once
 * approved in Sentry (that is what approval means). The rule is documented in docs/comparison-gate.md.
 */
export function judgeComparison(
  summary: ComparisonSummary,
  { failOnChanges, requireBase, snapshotUrl, details: extra }: JudgeComparisonOptions,
): SnapshotsError | undefined {
  const details = { ...extra, summary };
  const where = snapshotUrl ? ` (${snapshotUrl})` : '';
  if (summary.state === 'failed') {
    const reason = summary.errorMessage ? `: ${summary.errorMessage}` : '.';
    return new SnapshotsError(
      'COMPARISON_FAILED',
      `The comparison of snapshot ${summary.artifactId} failed${reason}`,
      {
        hint: `Sentry could not compare the images; upload again, and if it persists, look at the snapshot in Sentry${where}.`,
        details,
      },
    );
  }
  if (requireBase && lacksBaseSnapshot(summary)) {
    return new SnapshotsError(
      'BASE_NOT_FOUND',
      `${missingBase(summary.base)} to compare snapshot ${summary.artifactId} with.`,
      {
        option: 'requireBase',
        hint: `${makeBaseHint(summary)} Without requiring a base, such a run passes with a notice.`,
        details,
      },
    );
  }
  if (!failOnChanges || !summary.hasChanges || summary.approved) return undefined;
  const parts = changeLists
    .filter((list) => summary.counts[list] > 0)
    .map((list) => `${summary.counts[list]} ${list}`);
  return new SnapshotsError(
    'CHANGES_DETECTED',
    `Snapshot ${summary.artifactId} differs from its base: ${parts.join(', ')}.${nameImages(summary)}`,
    {
      hint: `Review the changes in Sentry${where} and approve them there (a rerun then passes), or fix what changed.`,
      details,
    },
  );
}

/** ` Changed: a.png, b.png and 3 more. Added: c.png.`: the images behind a failure, per list. */
function nameImages({ names }: ComparisonSummary): string {
  return changeLists
    .map((list) => {
      const all = names[list];
      if (all.length === 0) return '';
      const more = all.length > namesPerList ? ` and ${all.length - namesPerList} more` : '';
      return ` ${list[0]!.toUpperCase()}${list.slice(1)}: ${all.slice(0, namesPerList).join(', ')}${more}.`;
    })
    .join('');
}

/** The head named a base commit, and Sentry has no snapshot of it (yet, or at all). */
function lacksBaseSnapshot(summary: ComparisonSummary): boolean {
  return summary.state === 'no_base_build' || summary.state === 'waiting_for_base';
}

/** `Base commit abc1234 (main) has no snapshot`: the missing base as people recognise it. */
export function missingBase(base: ComparisonSummary['base']): string {
  if (!base.sha) return 'The base commit has no snapshot';
  return `Base commit ${base.sha.slice(0, 7)}${base.ref ? ` (${base.ref})` : ''} has no snapshot`;
}

export function makeBaseHint(summary: Pick<ComparisonSummary, 'base'>): string {
  const base = summary.base.sha ? summary.base.sha.slice(0, 7) : 'the base commit';
  return `A snapshot of ${base} is made by an upload from the base branch's CI, at that commit.`;
}

/**
 * Why a comparison compared nothing, in words of no frontend, or undefined when it compared: no
 * base was sent (a base build, which passes), or the base commit has no snapshot (a pass with this
 * notice, unless a base is required). See docs/comparison-gate.md.
 */
export function nothingCompared(summary: ComparisonSummary): string | undefined {
  if (summary.type === 'solo') {
    return `Nothing was compared: no base commit was sent, so snapshot ${summary.artifactId} is a base build.`;
  }
  if (summary.state === 'no_base_build') {
    return `Nothing was compared: ${missingBase(summary.base)}. ${makeBaseHint(summary)}`;
  }
  if (summary.state === 'waiting_for_base') {
    return `Nothing compared yet: ${missingBase(summary.base)}; Sentry compares as soon as one is uploaded. ${makeBaseHint(summary)}`;
  }
  return undefined;
}
