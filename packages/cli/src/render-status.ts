import {
  type ComparisonSummary,
  escapeTerminalText,
  nothingCompared,
  type SnapshotDetail,
} from '@sentry-snapshots/core';

export interface RenderStatusOptions {
  /** Names shown per list before "…and N more". */
  maxNames?: number;
}

const lists = ['changed', 'added', 'removed', 'renamed', 'errored'] as const;
const countOrder = ['changed', 'added', 'removed', 'renamed', 'errored', 'unchanged', 'skipped'] as const;

/** The comparison of one snapshot as a plain-text table for the terminal. */
export function renderStatus(
  summary: ComparisonSummary,
  detail: SnapshotDetail,
  { maxNames = 10 }: RenderStatusOptions = {},
): string {
  const state = summary.state ?? (summary.type === 'solo' ? 'no base to compare with' : 'unknown');
  const rows: [string, string][] = [
    ['Snapshot', `${summary.artifactId} (app ${detail.app_id}, ${detail.image_count} images)`],
    ['Base', detail.base_artifact_id ?? '-'],
    ['Comparison', `${summary.type}, ${state}`],
  ];
  if (summary.errorMessage) rows.push(['Error', summary.errorMessage]);
  if (detail.approval_status) rows.push(['Approval', detail.approval_status]);
  const lines = rows.map(([label, value]) => `${label.padEnd(11)} ${value}`);

  if (summary.type === 'diff') {
    lines.push('');
    const width = Math.max(...countOrder.map((name) => String(summary.counts[name]).length));
    for (const name of countOrder)
      lines.push(`  ${name.padEnd(10)} ${String(summary.counts[name]).padStart(width)}`);
    for (const name of lists) {
      const names = summary.names[name];
      const total = Math.max(summary.counts[name], names.length);
      if (total === 0) continue;
      lines.push('', `${name[0]?.toUpperCase()}${name.slice(1)}:`);
      for (const shown of names.slice(0, maxNames)) lines.push(`  ${shown}`);
      const more = total - Math.min(names.length, maxNames);
      if (more > 0) lines.push(`  …and ${more} more`);
    }
  }
  lines.push('', ...verdict(summary));
  // Each line was built as one line; ids, names and messages from the server must not break it.
  return `${lines.map(escapeTerminalText).join('\n')}\n`;
}

/** The closing lines: what the comparison found, or why it compared nothing and what to do. */
function verdict(summary: ComparisonSummary): string[] {
  if (summary.state === 'failed') return ['The comparison failed.'];
  if (summary.state === 'success') {
    if (!summary.hasChanges) return ['No changes.'];
    return [summary.approved ? 'Changes found, approved in Sentry.' : 'Changes found.'];
  }
  const notice = nothingCompared(summary);
  if (summary.type === 'solo' && summary.state === null) {
    return [
      notice ?? '',
      'To compare, give its base: --base-sha with --base-repo-name (found in CI), or --force-git-metadata outside CI; `sentry-snapshots doctor` shows what was found.',
    ];
  }
  if (summary.state === 'no_base_build') return [notice ?? ''];
  const later = 'The comparison has not finished: run again later, or pass --wait.';
  return notice ? [notice, later] : [later];
}
