import { summarizeComparison } from '@sentry-snapshots/core';
import type { ActionReport } from './render-report.js';

/** GitHub refuses a step output over 1 MiB; leave room for the other outputs. */
const maxResultJsonLength = 900_000;

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
    'shard-file': upload.shard?.file ?? '',
    'result-json': resultJson(report),
  };
}

/**
 * The same JSON as `sentry-snapshots upload --json`, with the snapshot detail under `comparison`
 * when the run waited. A suite too large for an output gets core's summary of the comparison
 * (counts and names) instead of every image object.
 */
export function resultJson(report: ActionReport): string {
  if (!report.comparison) return JSON.stringify(report.upload);
  const full = JSON.stringify({ ...report.upload, comparison: report.comparison });
  if (full.length <= maxResultJsonLength) return full;
  return JSON.stringify({ ...report.upload, comparison: summarizeComparison(report.comparison) });
}
