import type { DiffSummary } from '@sentry-snapshots/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addTableOptions, tableOption } from '../table-options.js';

/** The options of `diff`, global ones included, as commander hands them over (keyed as the table). */
export interface DiffFlags {
  diffOutput: string;
  colorThreshold: string;
  /** False with `--no-antialiasing`. */
  antialiasing: boolean;
  failOnDiff?: boolean;
  selective?: boolean;
  diffThreshold?: string;
  report?: string;
  concurrency?: string;
  clean?: boolean;
  quiet?: boolean;
  silent?: boolean;
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
  const command = program
    .command('diff')
    .description('Compare two folders of screenshots locally, as Sentry compares snapshots.')
    .argument('<base-dir>', 'Path to the baseline image folder.')
    .argument('<head-dir>', 'Path to the head image folder.');
  addTableOptions(command, ['diffOutput', 'colorThreshold', 'antialiasing'])
    .addOption(tableOption('failOnDiff', 'Exit with the changes-detected code (50) when anything differs.'))
    .addOption(tableOption('selective', 'Treat missing base images as skipped instead of removed.'))
    .addOption(
      tableOption(
        'diffThreshold',
        'Only count an image as changed when more than this fraction of its pixels differ (0.01 = 1%); a sidecar diff_threshold wins.',
      ),
    )
    .addOption(tableOption('report'))
    .addOption(tableOption('concurrency', 'How many image pairs are compared at once.'))
    .addOption(
      tableOption(
        'clean',
        'Remove what the output folder holds (masks of an earlier run) first; without this a folder that is not empty is refused.',
      ),
    )
    .addHelpText('after', examples)
    .action(async (baseDir: string, headDir: string, _flags: DiffFlags, command: Command) => {
      await runDiff(baseDir, headDir, command.optsWithGlobals<DiffFlags>(), context.io);
    });
}

async function runDiff(baseDir: string, headDir: string, flags: DiffFlags, io: CliIo): Promise<void> {
  const [{ compareFolders }, core] = await Promise.all([
    import('@sentry-snapshots/node'),
    import('@sentry-snapshots/core'),
  ]);
  const quiet = Boolean(flags.quiet || flags.silent);
  const values = core.decodeOptions(['colorThreshold', 'diffThreshold', 'concurrency'], flags);
  const result = await compareFolders({
    cwd: io.cwd,
    signal: io.signal,
    base: baseDir,
    head: headDir,
    output: flags.diffOutput,
    colorThreshold: values.colorThreshold,
    antialiasing: flags.antialiasing,
    diffThreshold: values.diffThreshold,
    selective: flags.selective,
    concurrency: values.concurrency,
    report: flags.report,
    failOnDiff: flags.failOnDiff,
    clean: flags.clean === true,
  });
  if (!quiet) {
    // File names come from the folders: each warning stays one escaped line.
    for (const warning of result.warnings) io.stderr.write(`warning: ${core.escapeTerminalText(warning)}\n`);
    if (result.reportPath !== undefined) {
      const beside = result.reportAssetsDir ? ` (images in ${result.reportAssetsDir})` : '';
      io.stderr.write(`${core.escapeTerminalText(`Report: ${result.reportPath}${beside}`)}\n`);
    }
  }
  io.stdout.write(`${core.stringifyJsonForTerminal(result.report)}\n`);
  if (!quiet) io.stderr.write(`${summaryLine(result.report.summary)}\n`);
  if (result.failure) throw result.failure;
}

function summaryLine(summary: DiffSummary): string {
  const { total, changed, unchanged, added, removed, skipped, errored, renamed } = summary;
  return `Summary: ${total} total, ${changed} changed, ${unchanged} unchanged, ${added} added, ${removed} removed, ${skipped} skipped, ${errored} errored, ${renamed} renamed`;
}
