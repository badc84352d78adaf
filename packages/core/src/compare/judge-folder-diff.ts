import { SnapshotsError } from '../errors.js';
import type { DiffReport, DiffSummary } from './diff-report.js';

/**
 * The fail rule of a local folder comparison, for every frontend: with `failOnDiff`, any
 * difference (skipped images aside) fails with `CHANGES_DETECTED`, in sentry-cli's words;
 * otherwise, or when nothing differs, undefined.
 */
export function judgeFolderDiff(
  report: Pick<DiffReport, 'summary' | 'report_path'>,
  { failOnDiff }: { failOnDiff: boolean },
): SnapshotsError | undefined {
  if (!failOnDiff) return undefined;
  const differences = describeDifferences(report.summary);
  if (differences.length === 0) return undefined;
  return new SnapshotsError('CHANGES_DETECTED', differences.join(', '), {
    // Without a report, the hint starts with how each frontend asks for one.
    ...(report.report_path
      ? { hint: `Review them in ${report.report_path}.` }
      : { option: 'report', hint: 'An HTML report shows each of them beside its base and diff.' }),
    details: { summary: report.summary },
  });
}

/** `3 images differed from baseline`, `1 image was added`, … as sentry-cli says them. */
function describeDifferences(summary: DiffSummary): string[] {
  const images = (n: number) => `${n} image${n === 1 ? '' : 's'}`;
  const were = (n: number) => `${images(n)} ${n === 1 ? 'was' : 'were'}`;
  return [
    summary.changed > 0 ? `${images(summary.changed)} differed from baseline` : '',
    summary.added > 0 ? `${were(summary.added)} added` : '',
    summary.removed > 0 ? `${were(summary.removed)} removed` : '',
    summary.renamed > 0 ? `${were(summary.renamed)} renamed` : '',
    summary.errored > 0 ? `${were(summary.errored)} not compared (errored)` : '',
  ].filter(Boolean);
}
