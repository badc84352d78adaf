import type { ReportEntry, ReportEntryStatus, ReportImage, ReportModel } from './report-model.js';
import { reportScript } from './report-script.js';
import { reportStyle } from './report-style.js';

const statusLabels: Record<ReportEntryStatus, string> = {
  changed: 'Changed',
  added: 'Added',
  removed: 'Removed',
  renamed: 'Renamed',
  errored: 'Errored',
};

const views = [
  ['side-by-side', 'Side by side'],
  ['slider', 'Slider'],
  ['overlay', 'Overlay'],
] as const;

/**
 * Renders the comparison as one HTML page that works from disk: its CSS and script are inline,
 * and images are whatever URLs the model holds. Every image of the model appears once.
 */
export function renderReportHtml(model: ReportModel): string {
  const { counts } = model;
  const total = model.entries.length;
  const filterButtons = [
    filterButton('all', 'All', total, true),
    ...(Object.keys(statusLabels) as ReportEntryStatus[]).map((status) =>
      filterButton(status, statusLabels[status], counts[status], false),
    ),
  ].join('');
  const viewButtons = views
    .map(
      ([view, label], index) =>
        `<button type="button" data-view-choice="${view}" aria-pressed="${index === 0}">${label}</button>`,
    )
    .join('');
  const summary = [
    `${counts.changed} changed`,
    `${counts.added} added`,
    `${counts.removed} removed`,
    `${counts.renamed} renamed`,
    `${counts.errored} errored`,
    `${counts.unchanged} unchanged`,
    `${counts.skipped} skipped`,
  ].join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(model.title)}</title>
<style>${reportStyle}</style>
</head>
<body>
<header>
<h1>${escapeHtml(model.title)}</h1>
${model.subtitle ? `<p class="subtitle">${escapeHtml(model.subtitle)}</p>` : ''}
<p class="summary">${summary}</p>
<nav class="toolbar">
<div role="group" aria-label="Filter by status">${filterButtons}</div>
<input type="search" placeholder="Filter by name" aria-label="Filter by name">
<div role="group" aria-label="View">${viewButtons}</div>
</nav>
</header>
<main data-view="side-by-side">
${model.entries.map(renderEntry).join('\n')}
<p class="empty" hidden>${total === 0 ? 'Nothing changed.' : 'No image matches the filter.'}</p>
</main>
<script>${reportScript}</script>
</body>
</html>
`;
}

function filterButton(status: string, label: string, count: number, pressed: boolean): string {
  return `<button type="button" data-filter="${status}" aria-pressed="${pressed}">${label} <span class="count">${count}</span></button>`;
}

function renderEntry(entry: ReportEntry): string {
  const images: [string, string, ReportImage | undefined][] = [
    ['base', 'Base', entry.base],
    ['head', 'Head', entry.head],
    ['diff', 'Diff', entry.diff],
  ];
  const shown = images.filter(([, , image]) => image !== undefined) as [string, string, ReportImage][];
  const widest = Math.max(1, ...shown.map(([, , image]) => image.width));
  const figures = shown
    .map(([role, caption, image]) => {
      const share = (image.width / widest).toFixed(4);
      return `<figure class="${role}" style="--share:${share}"><figcaption>${caption} · ${image.width}×${image.height}</figcaption><div class="frame"><img src="${escapeHtml(image.src)}" width="${image.width}" height="${image.height}" alt="${caption} of ${escapeHtml(entry.name)}" loading="lazy" decoding="async"></div></figure>`;
    })
    .join('');
  const heading = [
    `<span class="badge ${entry.status}">${statusLabels[entry.status]}</span>`,
    `<span class="name">${escapeHtml(entry.name)}</span>`,
    entry.previousName ? `<span class="previous">was ${escapeHtml(entry.previousName)}</span>` : '',
    entry.diffFraction === undefined
      ? ''
      : `<span class="metric">${formatPercent(entry.diffFraction)} of pixels changed</span>`,
  ].join(' ');
  const controls =
    entry.status === 'changed'
      ? `<label class="controls split-control">Base <input type="range" min="0" max="100" value="50" data-var="--split" aria-label="Slider position"> Head</label>` +
        `<label class="controls mask-control">Diff opacity <input type="range" min="0" max="100" value="80" data-var="--mask-opacity" aria-label="Diff opacity"></label>`
      : '';
  return `<article class="entry ${entry.status}" data-status="${entry.status}" data-name="${escapeHtml([entry.name, entry.previousName ?? ''].join(' ').trim().toLowerCase())}">
<h2>${heading}</h2>
${entry.message ? `<p class="message">${escapeHtml(entry.message)}</p>` : ''}${controls}
<div class="compare" style="--widest:${widest}px">${figures}</div>
</article>`;
}

function formatPercent(fraction: number): string {
  const percent = fraction * 100;
  return `${percent > 0 && percent < 0.01 ? '<0.01' : percent.toFixed(2)}%`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
