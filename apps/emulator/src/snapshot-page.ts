import { renderReportHtml, type SnapshotDetail } from '@sentry-snapshots/core/contract';
import { renderApprovalSection } from './approval-section.js';
import { toComparisonReportModel } from './comparison-report-model.js';
import { escapeHtml } from './escape-html.js';
import { imageUrl } from './snapshot-view.js';
import type { ComparisonRecord } from './storage/comparison-storage.js';
import type { SnapshotRecord } from './storage/snapshot-storage.js';

export function snapshotPageUrl(baseUrl: string, orgSlug: string, record: SnapshotRecord): string {
  return `${baseUrl}/organizations/${orgSlug}/preprod/snapshots/${record.id}/?project=${record.projectId}`;
}

export interface SnapshotPage {
  baseUrl: string;
  orgSlug: string;
  record: SnapshotRecord;
  /** What the detail endpoint answers for it. */
  detail: SnapshotDetail;
  comparison?: ComparisonRecord;
  base?: SnapshotRecord;
}

/**
 * The page at `snapshotUrl`: for a head whose comparison succeeded, core's HTML report with the
 * emulator's image URLs; otherwise the comparison's state and the snapshot's images.
 */
export function renderSnapshotPage(page: SnapshotPage): string {
  const { baseUrl, orgSlug, record, comparison, base } = page;
  const title = `Snapshot ${record.id} · ${record.manifest.app_id}`;
  const approval = renderApprovalSection(orgSlug, page.detail);
  if (comparison?.result && base) {
    const report = renderReportHtml(
      toComparisonReportModel({
        title,
        subtitle: `Compared with snapshot ${base.id} (${base.manifest.head_ref ?? base.manifest.head_sha ?? 'base'})`,
        comparison: comparison.result,
        imageSrc: (side, image) => imageUrl(baseUrl, orgSlug, side === 'base' ? base : record, image.key),
        maskSrc: (key) => imageUrl(baseUrl, orgSlug, record, key.slice(key.lastIndexOf('/') + 1)),
      }),
    );
    // The report's title and names are escaped, so its first `</header>` is the header's end.
    return report.replace('</header>', `${approval}\n</header>`);
  }
  const items = Object.entries(record.manifest.images)
    .map(([name, image]) => {
      const src = imageUrl(baseUrl, orgSlug, record, image.content_hash);
      const label = escapeHtml(image.display_name ?? name);
      return `<li><figure><img src="${escapeHtml(src)}" alt="${label}" loading="lazy" width="${image.width}" height="${image.height}"><figcaption>${label} <small>${image.width}×${image.height}</small></figcaption></figure></li>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1rem}img{max-width:100%;height:auto;border:1px solid #ddd}</style>
</head><body><h1>${escapeHtml(title)}</h1><p><a href="/">All snapshots</a></p>
<p class="comparison">${escapeHtml(describeComparisonState(page.detail))}</p>
${approval}
<p>${Object.keys(record.manifest.images).length} images</p>
<ul>
${items}
</ul></body></html>
`;
}

function describeComparisonState(detail: SnapshotDetail): string {
  const base = detail.base_artifact_id ? ` with snapshot ${detail.base_artifact_id}` : '';
  const error = detail.comparison_error_message ? `: ${detail.comparison_error_message}` : '';
  if (detail.comparison_type === 'solo') return 'No comparison: this snapshot names no base.';
  return `Comparison${base}: ${detail.comparison_state ?? 'none'}${error}`;
}
