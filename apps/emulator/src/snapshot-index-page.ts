import type { SnapshotDetail } from '@sentry-snapshots/core';
import { escapeHtml } from './escape-html.js';

export interface SnapshotIndexRow {
  pageUrl: string;
  orgSlug: string;
  projectSlug: string;
  detail: SnapshotDetail;
  createdAt: number;
}

/** The emulator's home page: every snapshot, newest first, with its comparison's state. */
export function renderSnapshotIndexPage(rows: readonly SnapshotIndexRow[]): string {
  const body = rows
    .map(({ pageUrl, orgSlug, projectSlug, detail, createdAt }) => {
      const state = detail.comparison_state ?? detail.comparison_type;
      const counts =
        detail.comparison_state === 'success'
          ? `${detail.changed_count} changed, ${detail.added_count} added, ${detail.removed_count} removed, ${detail.errored_count} errored`
          : '';
      const cells = [
        `<a href="${escapeHtml(pageUrl)}">${escapeHtml(detail.head_artifact_id)}</a>`,
        escapeHtml(detail.app_id),
        escapeHtml(`${orgSlug}/${projectSlug}`),
        String(detail.image_count),
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
