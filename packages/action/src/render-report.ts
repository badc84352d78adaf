import {
  escapeTerminalText,
  type SnapshotDetail,
  type UploadResult,
  vcsFields,
  vcsWireNames,
} from '@sentry-snapshots/core';
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
      ? ['### Warnings', upload.warnings.map((warning) => `- ${escapeMarkdown(warning)}`).join('\n')]
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
  return [`## Sentry snapshot · ${code(appId)}`, `Skipped: ${escapeMarkdown(reason)}`].join('\n\n');
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
    `${fatal ? '**Failed**' : '**Warning** (fail-on-error is off)'}: ${escapeMarkdown(message)}`,
    ...(hint ? [`Hint: ${escapeMarkdown(hint)}`] : []),
  ].join('\n\n');
}

function renderHeader(report: ActionReport, outcome: HeadlinedComparison | undefined): string[] {
  const { upload } = report;
  const target = upload.snapshotUrl ? linkTarget(upload.snapshotUrl) : undefined;
  const link = target
    ? `[View snapshot ${escapeMarkdown(upload.artifactId ?? '')} in Sentry](${target})`
    : `Snapshot ${escapeMarkdown(upload.artifactId ?? '')} created.`;
  if (upload.shard) {
    return [
      `## Sentry snapshot shard · ${code(upload.appId)}`,
      `Stored the objects of ${upload.images.count} ${upload.images.count === 1 ? 'image' : 'images'}; shard file ${code(upload.shard.file)}.`,
      'No snapshot yet: the finalize step makes one snapshot of every shard.',
    ];
  }
  const status = outcome
    ? `**${escapeMarkdown(outcome.headline)}**`
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
    // The field names are ours, shown as they are sent; the values come from the event and git.
    .map((field) => [`<code>${vcsWireNames[field]}</code>`, code(String(upload.vcs[field]))]);
  if (rows.length === 0) return ['No VCS context was sent: the snapshot cannot be matched with a base.'];
  return [table(['Field', 'Value'], rows)];
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Code span that survives any name: HTML, escaped, since backticks in a name would end a Markdown span. */
function code(value: string): string {
  return `<code>${escapeMarkdown(value)}</code>`;
}

/**
 * HTML and Markdown punctuation as character references, so a name or a server's message shows as
 * written: it cannot open a tag, a link, an image, emphasis or a table cell, nor start a new line
 * (line breaks and controls are escaped as in the log). Mentions and issue references are kept
 * inert by `code()`: GitHub links neither inside code.
 */
function escapeMarkdown(value: string): string {
  return escapeTerminalText(value).replace(
    /[&<>|\\`*_[\]~!#@]/g,
    (character) => `&#${character.charCodeAt(0)};`,
  );
}

/**
 * A snapshot link's target, or `undefined` for one that is no http(s) URL. URL serialization
 * percent-encodes spaces, quotes and angle brackets; parentheses, which would end the Markdown
 * link and start text of the server's choosing, are encoded here.
 */
function linkTarget(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
