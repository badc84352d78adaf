import type { SnapshotComparison } from '@sentry-snapshots/core/contract';
import { escapeHtml } from './escape-html.js';
import type { ComparisonStatus } from './snapshot-view.js';

export interface SnapshotIndexRow {
  id: number;
  appId: string;
  imageCount: number;
  pageUrl: string;
  orgSlug: string;
  projectSlug: string;
  status: ComparisonStatus;
  /** The lists, once the comparison succeeded. */
  result: SnapshotComparison | null;
  createdAt: number;
}

/** The emulator's home page: every snapshot, newest first, with its comparison's state. */
export function renderSnapshotIndexPage(rows: readonly SnapshotIndexRow[]): string {
  const body = rows
    .map(({ id, appId, imageCount, pageUrl, orgSlug, projectSlug, status, result, createdAt }) => {
      const state = status.comparison_state ?? status.comparison_type;
      const counts = result
        ? `${result.changed_count} changed, ${result.added_count} added, ${result.removed_count} removed, ${result.errored_count} errored`
        : '';
      const cells = [
        `<a href="${escapeHtml(pageUrl)}">${id}</a>`,
        escapeHtml(appId),
        escapeHtml(`${orgSlug}/${projectSlug}`),
        String(imageCount),
        escapeHtml(state),
        escapeHtml(counts),
        escapeHtml(new Date(createdAt).toISOString()),
      ];
      return `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Snapshots</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ddd;text-align:left}</style>
</head><body><h1>Snapshots</h1>
${rows.length === 0 ? '<p>No snapshot yet.</p>' : ''}<table><thead><tr><th>Snapshot</th><th>App</th><th>Project</th><th>Images</th><th>Comparison</th><th>Result</th><th>Uploaded</th></tr></thead>
<tbody>
${body}
</tbody></table></body></html>
`;
}
