import type { ActionReport } from './render-report.js';

/** The outputs of action.yml. The comparison's ones stay empty when the run did not wait. */
export function collectActionOutputs(report: ActionReport): Record<string, string> {
  const { upload, comparison } = report;
  return {
    'artifact-id': upload.artifactId ?? '',
    'snapshot-url': upload.snapshotUrl ?? '',
    'image-count': String(upload.images.count),
    'stored-count': String(upload.objects.stored),
    'reused-count': String(upload.objects.reused),
    'comparison-state': comparison?.comparison_state ?? '',
    'added-count': comparison ? String(comparison.added_count) : '',
    'removed-count': comparison ? String(comparison.removed_count) : '',
    'changed-count': comparison ? String(comparison.changed_count) : '',
    'unchanged-count': comparison ? String(comparison.unchanged_count) : '',
    'result-json': JSON.stringify(resultJson(report)),
  };
}

/** The same JSON as `sentry-snapshots upload --json [--wait]`. */
export function resultJson(report: ActionReport): unknown {
  return report.comparison ? { ...report.upload, comparison: report.comparison } : report.upload;
}
