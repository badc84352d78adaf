import { escapeTerminalText, type UploadResult, type VcsContext } from '@sentry-snapshots/core';
import { formatBytes, formatDuration } from './format-bytes.js';

/** The human summary of an upload: counts, stored vs reused objects, bytes, timing, URL. */
export function renderUploadResult(result: UploadResult): string {
  const { images, objects, timings } = result;
  const target = `${result.org}/${result.project}, app "${result.appId}"`;
  const heading = result.dryRun
    ? `Dry run: would upload a snapshot of ${plural(images.count, 'image')} (${target}); nothing was written.`
    : result.shard
      ? `Stored a shard of ${plural(images.count, 'image')} (${target}); finalize makes the snapshot of every shard.`
      : result.shards
        ? `Finalized a snapshot of ${plural(images.count, 'image')} from ${plural(result.shards.count, 'shard')} (${target}).`
        : `Uploaded a snapshot of ${plural(images.count, 'image')} (${target}).`;
  const phases = (['discover', 'hash', 'check', 'store', 'create'] as const)
    .map((phase) => `${phase} ${formatDuration(timings[phase])}`)
    .join(', ');
  const lines = [
    heading,
    `  images   ${images.count}${images.skipped > 0 ? ` (${images.skipped} skipped)` : ''}, ${plural(images.uniqueObjects, 'distinct content')}`,
    ...(images.skippedFiles.length > 0 ? [`  skipped  ${listFiles(images.skippedFiles)}`] : []),
    ...(images.ignoredSidecars.length > 0 ? [`  ignored  ${listFiles(images.ignoredSidecars)}`] : []),
    result.dryRun
      ? `  objects  ${objects.stored} to store, ${objects.reused} already stored`
      : `  objects  ${objects.stored} stored, ${objects.reused} reused, ${formatBytes(objects.bytesSent)} sent in ${plural(objects.requests, 'request')}`,
    `  time     ${formatDuration(timings.total)} (${phases})`,
  ];
  const git = describeVcs(result.vcs);
  if (git) lines.push(`  git      ${git}`);
  if (result.shard) lines.push(`  shard    ${result.shard.file}`);
  if (result.artifactId !== null) lines.push(`  snapshot ${result.artifactId}`);
  if (result.snapshotUrl) lines.push(`  url      ${result.snapshotUrl}`);
  // Each line was built as one line; the server's id and URL and the git refs must not break it.
  return `${lines.map(escapeTerminalText).join('\n')}\n`;
}

/** Files named on the summary line before "and N more"; `--json` lists all of them. */
const NAMED_FILES = 5;

/** "a.png (why); b.json (why); and 3 more": skipped images and ignored sidecars. */
function listFiles(files: readonly { name: string; reason: string }[]): string {
  const named = files.slice(0, NAMED_FILES).map(({ name, reason }) => `${name} (${reason})`);
  const more = files.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "head 1a2b3c4 on feature (acme/web), base 9f8e7d6 on main, PR #12", from what was sent. */
function describeVcs(vcs: VcsContext): string {
  const side = (label: string, sha?: string, ref?: string, repo?: string) =>
    sha || ref
      ? `${label}${sha ? ` ${sha.slice(0, 7)}` : ''}${ref ? ` on ${ref}` : ''}${repo ? ` (${repo})` : ''}`
      : '';
  return [
    side('head', vcs.headSha, vcs.headRef, vcs.headRepoName),
    side('base', vcs.baseSha, vcs.baseRef, vcs.baseRepoName),
    vcs.prNumber === undefined ? '' : `PR #${vcs.prNumber}`,
  ]
    .filter(Boolean)
    .join(', ');
}
