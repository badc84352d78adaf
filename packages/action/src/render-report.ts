import { type SnapshotDetail, type UploadResult, vcsFields, vcsWireNames } from '@sentry-snapshots/core';
import { type HeadlinedComparison, headlineComparison } from './comparison-headline.js';

/** What one run produced: the upload, and the comparison when the run waited for it. */
export interface ActionReport {
  upload: UploadResult;
  comparison: SnapshotDetail | undefined;
  waitMs: number | undefined;
  /** The run asked for the comparison; without `comparison`, waiting for it failed. */
  waited: boolean;
}

/** Lists longer than this fold into `<details>`. */
const openListLimit = 10;

/** The job summary: everything the comment says, plus the upload's numbers, VCS context and timings. */
export function renderSummary(report: ActionReport): string {
  const { upload } = report;
  const outcome = report.comparison && headlineComparison(report.comparison);
  return [
    ...renderHeader(report, outcome),
    ...(outcome?.state === 'success' ? renderComparison(outcome, 500) : []),
    '### Upload',
    table(
      ['Images', 'Skipped', 'Objects stored', 'Objects reused', 'Bytes sent', 'Requests'],
      [
        [
          upload.images.count,
          upload.images.skipped,
          upload.objects.stored,
          upload.objects.reused,
          formatBytes(upload.objects.bytesSent),
          upload.objects.requests,
        ].map(String),
      ],
    ),
    '### VCS context',
    ...renderVcs(upload),
    '### Timings',
    table(
      [
        'Discover',
        'Hash',
        'Check',
        'Store',
        'Create',
        ...(report.waitMs === undefined ? [] : ['Wait']),
        'Total',
      ],
      [
        [
          upload.timings.discover,
          upload.timings.hash,
          upload.timings.check,
          upload.timings.store,
          upload.timings.create,
          ...(report.waitMs === undefined ? [] : [report.waitMs]),
          upload.timings.total + (report.waitMs ?? 0),
        ].map(formatDuration),
      ],
    ),
    ...(upload.warnings.length > 0
      ? ['### Warnings', upload.warnings.map((warning) => `- ${escapeHtml(warning)}`).join('\n')]
      : []),
  ].join('\n\n');
}

/** The pull-request comment: short, and bounded well under GitHub's 65,536 characters. */
export function renderComment(report: ActionReport): string {
  const outcome = report.comparison && headlineComparison(report.comparison);
  const sha = report.upload.vcs.headSha;
  return [
    ...renderHeader(report, outcome),
    ...(outcome?.state === 'success' ? renderComparison(outcome, 50) : []),
    `<sub>Updated by sentry-snapshots${sha ? ` for ${sha.slice(0, 7)}` : ''}.</sub>`,
  ].join('\n\n');
}

/** The summary of a run that chose not to upload. */
export function renderSkippedSummary(appId: string, reason: string): string {
  return [`## Sentry snapshot · ${code(appId)}`, `Skipped: ${escapeHtml(reason)}`].join('\n\n');
}

/** The summary of a run that failed, or whose failure was turned into a warning. */
export function renderFailureSummary(
  appId: string | undefined,
  message: string,
  hint: string | undefined,
  fatal: boolean,
): string {
  return [
    `## Sentry snapshot${appId ? ` · ${code(appId)}` : ''}`,
    `${fatal ? '**Failed**' : '**Warning** (fail-on-error is off)'}: ${escapeHtml(message)}`,
    ...(hint ? [`Hint: ${escapeHtml(hint)}`] : []),
  ].join('\n\n');
}

function renderHeader(report: ActionReport, outcome: HeadlinedComparison | undefined): string[] {
  const { upload } = report;
  const link = upload.snapshotUrl
    ? `[View snapshot ${escapeHtml(upload.artifactId ?? '')} in Sentry](${upload.snapshotUrl})`
    : `Snapshot ${escapeHtml(upload.artifactId ?? '')} created.`;
  const status = outcome
    ? `**${escapeHtml(outcome.headline)}**`
    : report.waited
      ? 'Uploaded; the comparison did not finish (see below).'
      : 'Uploaded; the run did not wait for the comparison.';
  const images = `${upload.images.count} ${upload.images.count === 1 ? 'image' : 'images'}`;
  return [`## Sentry snapshot · ${code(upload.appId)}`, `${link} · ${images}`, status];
}

function renderComparison(outcome: HeadlinedComparison, maxNames: number): string[] {
  const { counts, names } = outcome;
  const countTable = table(
    ['Changed', 'Added', 'Removed', 'Renamed', 'Errored', 'Unchanged'],
    [
      [counts.changed, counts.added, counts.removed, counts.renamed, counts.errored, counts.unchanged].map(
        String,
      ),
    ],
  );
  const lists = (
    [
      ['Changed', names.changed],
      ['Added', names.added],
      ['Removed', names.removed],
      ['Renamed', names.renamed],
      ['Errored', names.errored],
    ] as const
  )
    .filter(([, names]) => names.length > 0)
    .map(([title, names]) => renderNames(title, names, maxNames));
  return [countTable, ...lists];
}

function renderNames(title: string, names: readonly string[], maxNames: number): string {
  const shown = names.slice(0, maxNames).map((name) => `- ${code(name)}`);
  if (names.length > maxNames) shown.push(`- … and ${names.length - maxNames} more`);
  const list = shown.join('\n');
  if (names.length <= openListLimit) return `**${title}**\n\n${list}`;
  // A blank line after <summary> lets GitHub render the Markdown list inside.
  return `<details><summary><b>${title}</b> (${names.length})</summary>\n\n${list}\n\n</details>`;
}

function renderVcs(upload: UploadResult): string[] {
  const rows = vcsFields
    .filter((field) => upload.vcs[field] !== undefined)
    .map((field) => [code(vcsWireNames[field]), code(String(upload.vcs[field]))]);
  if (rows.length === 0) return ['No VCS context was sent: the snapshot cannot be matched with a base.'];
  return [table(['Field', 'Value'], rows)];
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Code span that survives any name: HTML, escaped, since backticks in a name would end a Markdown span. */
function code(value: string): string {
  return `<code>${escapeHtml(value)}</code>`;
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\n/g, ' ');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
