import { imageUrl } from './snapshot-view.js';
import type { SnapshotRecord } from './storage/snapshot-storage.js';

export function snapshotPageUrl(baseUrl: string, orgSlug: string, record: SnapshotRecord): string {
  return `${baseUrl}/organizations/${orgSlug}/preprod/snapshots/${record.id}/?project=${record.projectId}`;
}

/** A plain page listing a snapshot's images; the comparison UI is not built yet. */
export function renderSnapshotPage(baseUrl: string, orgSlug: string, record: SnapshotRecord): string {
  const items = Object.entries(record.manifest.images)
    .map(([name, image]) => {
      const src = imageUrl(baseUrl, orgSlug, record, image.content_hash);
      const label = escapeHtml(image.display_name ?? name);
      return `<li><figure><img src="${escapeHtml(src)}" alt="${label}" loading="lazy" width="${image.width}" height="${image.height}"><figcaption>${label} <small>${image.width}×${image.height}</small></figcaption></figure></li>`;
    })
    .join('\n');
  const title = `Snapshot ${record.id} · ${escapeHtml(record.manifest.app_id)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem}ul{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1rem}img{max-width:100%;height:auto;border:1px solid #ddd}</style>
</head><body><h1>${title}</h1><p>${Object.keys(record.manifest.images).length} images</p>
<ul>
${items}
</ul></body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replaceAll(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
