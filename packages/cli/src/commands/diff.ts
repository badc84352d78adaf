import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ComparedSnapshot, ImageSide, SnapshotComparison } from '@sentry-snapshots/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';

/** Core is loaded when the command runs, so the CLI starts without it (and without sharp). */
type Core = typeof import('@sentry-snapshots/core');

/** The options of `diff`, global ones included, as commander hands them over. */
export interface DiffFlags {
  output: string;
  threshold: string;
  /** False with `--no-antialiasing`. */
  antialiasing: boolean;
  failOnDiff?: boolean;
  selective?: boolean;
  diffThreshold?: string;
  report?: string;
  concurrency?: string;
  quiet?: boolean;
  silent?: boolean;
}

/** One line of the JSON report, in `sentry-cli snapshots diff`'s shape. */
type DiffImageLine =
  | {
      name: string;
      status: 'changed';
      diff_percentage: number;
      diff_pixel_count: number;
      diff_mask_path?: string;
    }
  | { name: string; status: 'unchanged' | 'added' | 'removed' | 'skipped' }
  | { name: string; status: 'renamed'; previous_name: string }
  | { name: string; status: 'errored'; error: string };

export interface DiffReport {
  base_dir: string;
  head_dir: string;
  output_dir: string;
  threshold: number;
  summary: Record<
    'total' | 'changed' | 'unchanged' | 'added' | 'removed' | 'skipped' | 'errored' | 'renamed',
    number
  >;
  images: DiffImageLine[];
  report_path?: string;
}

const examples = `
Examples:
  # Compare two folders of screenshots; masks of changed images go to ./diff-output/
  $ sentry-snapshots diff ./baseline ./screenshots

  # Fail the build on any difference, with an HTML page to review it
  $ sentry-snapshots diff ./baseline ./screenshots --fail-on-diff --report diff.html

  # Only part of the suite ran: images missing from the head are skipped, not removed
  $ sentry-snapshots diff ./baseline ./changed --selective
`;

/** `diff <base-dir> <head-dir>`: a drop-in for `sentry-cli snapshots diff`, plus `--report`. */
export function registerDiffCommand(program: Command, context: CommandContext): void {
  program
    .command('diff')
    .description('Compare two folders of screenshots locally, as Sentry compares snapshots.')
    .argument('<base-dir>', 'Path to the baseline image folder.')
    .argument('<head-dir>', 'Path to the head image folder.')
    .option('-o, --output <DIR>', 'Folder for the diff masks of changed images.', './diff-output/')
    .option('--threshold <FLOAT>', 'Pixel colour difference threshold (0.0-1.0).', '0.01')
    .option('--no-antialiasing', 'Count anti-aliased pixels as differences too.')
    .option('--fail-on-diff', 'Exit with the changes-detected code (50) when anything differs.')
    .option('--selective', 'Treat missing base images as skipped instead of removed.')
    .option(
      '--diff-threshold <FRACTION>',
      'Only count an image as changed when more than this fraction of its pixels differ (0.01 = 1%); a sidecar diff_threshold wins.',
    )
    .option('--report <FILE>', 'Also write an HTML page showing every changed, added and removed image.')
    .option('--concurrency <n>', 'How many image pairs are compared at once.')
    .addHelpText('after', examples)
    .action(async (baseDir: string, headDir: string, _flags: DiffFlags, command: Command) => {
      const core = await import('@sentry-snapshots/core');
      await runDiff(core, baseDir, headDir, command.optsWithGlobals<DiffFlags>(), context.io);
    });
}

async function runDiff(
  core: Core,
  baseDir: string,
  headDir: string,
  flags: DiffFlags,
  io: CliIo,
): Promise<void> {
  const quiet = Boolean(flags.quiet || flags.silent);
  const threshold = parseFraction(core, '--threshold', flags.threshold, { inclusiveMax: true });
  const diffThreshold =
    flags.diffThreshold === undefined
      ? undefined
      : parseFraction(core, '--diff-threshold', flags.diffThreshold, {});
  const concurrency = flags.concurrency === undefined ? undefined : parseConcurrency(core, flags.concurrency);

  const [base, head] = await Promise.all([readFolder(core, baseDir, io), readFolder(core, headDir, io)]);
  if (!quiet)
    for (const warning of [...base.warnings, ...head.warnings])
      io.stderr.write(`warning: ${core.escapeTerminalText(warning)}\n`);

  const paths = { base: base.paths, head: head.paths };
  const loadImage = (side: ImageSide, name: string) => readFile(paths[side].get(name)!);
  const maskNames = maskFileNames(Object.keys(head.snapshot.images));
  const comparison = await core.compareSnapshots(
    { signal: io.signal },
    base.snapshot,
    {
      ...head.snapshot,
      ...(diffThreshold === undefined ? {} : { diffThreshold }),
      ...(flags.selective ? { selective: true } : {}),
    },
    {
      loadImage,
      storeDiffMask: async (name, png) => {
        const shown = joinShown(flags.output, maskNames.get(name)!);
        const path = resolve(io.cwd, shown);
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, png);
        return shown;
      },
      colorThreshold: threshold,
      antialiasing: flags.antialiasing,
      ...(concurrency === undefined ? {} : { concurrency }),
    },
  );

  const report = toDiffReport(comparison, {
    base_dir: baseDir,
    head_dir: headDir,
    output_dir: flags.output,
    threshold,
  });
  if (flags.report !== undefined) {
    const written = await core.writeReport(io, {
      path: flags.report,
      title: 'Snapshot diff',
      subtitle: `${baseDir} → ${headDir}`,
      comparison,
      loadImage,
      loadDiffMask: (key) => readFile(resolve(io.cwd, key)),
    });
    report.report_path = flags.report;
    if (!quiet) {
      const beside = written.assetsDir ? ` (images in ${written.assetsDir})` : '';
      io.stderr.write(`${core.escapeTerminalText(`Report: ${written.path}${beside}`)}\n`);
    }
  }
  io.stdout.write(`${core.stringifyJsonForTerminal(report)}\n`);
  if (!quiet) io.stderr.write(`${summaryLine(report.summary)}\n`);

  const differences = describeDifferences(comparison);
  if (flags.failOnDiff && differences.length > 0) {
    throw new core.SnapshotsError('CHANGES_DETECTED', differences.join(', '), {
      hint: flags.report ? `Review them in ${flags.report}.` : 'Review them with --report <file.html>.',
      details: { summary: report.summary },
    });
  }
}

interface ReadFolder {
  snapshot: ComparedSnapshot;
  paths: Map<string, string>;
  warnings: string[];
}

async function readFolder(core: Core, dir: string, io: CliIo): Promise<ReadFolder> {
  const discovered = await core.discoverImages(resolve(io.cwd, dir), { signal: io.signal });
  const read = await core.readImages(discovered.images, { signal: io.signal });
  return {
    snapshot: { images: Object.fromEntries(read.entries.map((entry) => [entry.key, entry.metadata])) },
    paths: new Map(read.entries.map((entry) => [entry.key, entry.path])),
    warnings: [...discovered.warnings, ...read.warnings],
  };
}

/** `a/b.jpg` → `a/b.png`, as sentry-cli names masks; PNG names claim theirs first, a later clash keeps its extension. */
function maskFileNames(names: string[]): Map<string, string> {
  const masks = new Map<string, string>();
  const taken = new Set<string>();
  for (const name of [...names].sort((a, b) => Number(!a.endsWith('.png')) - Number(!b.endsWith('.png')))) {
    let mask = name.replace(/\.[^./]+$/, '.png');
    if (taken.has(mask)) mask = `${name}.png`;
    taken.add(mask);
    masks.set(name, mask);
  }
  return masks;
}

/** The folder as the user wrote it, joined as sentry-cli shows it (`out/a.png`, `./diff-output/a.png`). */
function joinShown(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

function toDiffReport(
  comparison: SnapshotComparison,
  header: Pick<DiffReport, 'base_dir' | 'head_dir' | 'output_dir' | 'threshold'>,
): DiffReport {
  const byName = (a: DiffImageLine, b: DiffImageLine) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  const nameOf = (image: { image_file_name: string } | null | undefined) => image?.image_file_name ?? '';
  const matched: DiffImageLine[] = [
    ...comparison.changed.map((pair): DiffImageLine => {
      const fraction = typeof pair.diff === 'number' ? pair.diff : 0;
      return {
        name: nameOf(pair.head_image),
        status: 'changed',
        diff_percentage: Math.round(fraction * 10_000) / 100,
        diff_pixel_count: typeof pair.diff_pixel_count === 'number' ? pair.diff_pixel_count : 0,
        ...(pair.diff_image_key ? { diff_mask_path: pair.diff_image_key } : {}),
      };
    }),
    ...comparison.unchanged.map(
      (image): DiffImageLine => ({ name: image.image_file_name, status: 'unchanged' }),
    ),
    ...comparison.errored.map(
      (pair): DiffImageLine => ({
        name: nameOf(pair.head_image),
        status: 'errored',
        error:
          typeof pair.error_message === 'string' ? pair.error_message : 'The images could not be compared.',
      }),
    ),
  ].sort(byName);
  const appeared: DiffImageLine[] = [
    ...comparison.added.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'added' })),
    ...comparison.renamed.map(
      (pair): DiffImageLine => ({
        name: nameOf(pair.head_image),
        status: 'renamed',
        previous_name: nameOf(pair.base_image),
      }),
    ),
  ].sort(byName);
  const disappeared: DiffImageLine[] = [
    ...comparison.removed.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'removed' })),
    ...comparison.skipped.map((image): DiffImageLine => ({ name: image.image_file_name, status: 'skipped' })),
  ].sort(byName);
  const images = [...matched, ...appeared, ...disappeared];
  return {
    ...header,
    summary: {
      total: images.length,
      changed: comparison.changed_count,
      unchanged: comparison.unchanged_count,
      added: comparison.added_count,
      removed: comparison.removed_count,
      skipped: comparison.skipped_count,
      errored: comparison.errored_count,
      renamed: comparison.renamed_count,
    },
    images,
  };
}

function summaryLine(summary: DiffReport['summary']): string {
  const { total, changed, unchanged, added, removed, skipped, errored, renamed } = summary;
  return `Summary: ${total} total, ${changed} changed, ${unchanged} unchanged, ${added} added, ${removed} removed, ${skipped} skipped, ${errored} errored, ${renamed} renamed`;
}

/** What makes `--fail-on-diff` fail, in sentry-cli's words. */
function describeDifferences(comparison: SnapshotComparison): string[] {
  const count = (n: number) => `${n} image${n === 1 ? '' : 's'} ${n === 1 ? 'was' : 'were'}`;
  return [
    comparison.changed_count > 0
      ? `${comparison.changed_count} image${comparison.changed_count === 1 ? '' : 's'} differed from baseline`
      : '',
    comparison.added_count > 0 ? `${count(comparison.added_count)} added` : '',
    comparison.removed_count > 0 ? `${count(comparison.removed_count)} removed` : '',
    comparison.renamed_count > 0 ? `${count(comparison.renamed_count)} renamed` : '',
    comparison.errored_count > 0 ? `${count(comparison.errored_count)} not compared (errored)` : '',
  ].filter(Boolean);
}

function parseFraction(
  core: Core,
  flag: string,
  value: string,
  { inclusiveMax = false }: { inclusiveMax?: boolean },
): number {
  const number = Number(value);
  const valid = value.trim() !== '' && number >= 0 && (inclusiveMax ? number <= 1 : number < 1);
  if (!valid) {
    throw new core.SnapshotsError(
      'INVALID_OPTION',
      `${flag} must be a number from 0 to 1${inclusiveMax ? '' : ' (1 excluded)'}, got "${value}".`,
      {
        hint: 'See `sentry-snapshots diff --help`.',
      },
    );
  }
  return number;
}

function parseConcurrency(core: Core, value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new core.SnapshotsError(
      'INVALID_OPTION',
      `--concurrency must be a positive integer, got "${value}".`,
      {
        hint: 'See `sentry-snapshots diff --help`.',
      },
    );
  }
  return number;
}
