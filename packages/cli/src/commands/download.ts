import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { addTableOptions, tableOption } from '../table-options.js';

/** The options of `download`, global ones included, as commander hands them over. */
export interface DownloadFlags extends ConnectionFlags {
  appId?: string;
  snapshotId?: string;
  branch?: string;
  output: string;
  archiveTimeout: string;
  clean?: boolean;
  json?: boolean;
}

const examples = `
Examples:
  # The latest base snapshot of an app (an upload without --base-sha), into ./snapshots-base/
  $ sentry-snapshots download --app-id web -o acme

  # The latest base built from a branch, for one project, into a folder of your choice
  $ sentry-snapshots download --app-id web --branch main -p frontend --output ./baseline

  # One given snapshot, then compare it locally with this build's screenshots
  $ sentry-snapshots download --snapshot-id 12345 --output ./baseline
  $ sentry-snapshots diff ./baseline ./screenshots
`;

/** `download`: a drop-in for `sentry-cli snapshots download`, plus `--timeout` and `--json`. */
export function registerDownloadCommand(program: Command, context: CommandContext): void {
  const command = addConnectionOptions(
    program
      .command('download')
      .description(
        'Download the images of a snapshot (or the latest base snapshot of an app) into a folder.',
      ),
    { project: 'The project ID or slug (narrows the --app-id search).' },
  ).addOption(
    tableOption(
      'appId',
      'App identifier (e.g. sentry-frontend). Mutually exclusive with --snapshot-id.',
    ).conflicts('snapshotId'),
  );
  addTableOptions(command, ['snapshotId', 'branch', 'output', 'archiveTimeout', 'clean'])
    .option('--json', 'Print the result (snapshot id, folder, files, bytes) as JSON on stdout.')
    .addHelpText('after', examples)
    .action(async (_flags: DownloadFlags, command: Command) => {
      await runDownload(command.optsWithGlobals<DownloadFlags>(), context.io);
    });
}

async function runDownload(flags: DownloadFlags, io: CliIo): Promise<void> {
  const [{ resolveCliConnection }, { downloadSnapshot }, core] = await Promise.all([
    import('../resolve-cli-connection.js'),
    import('@sentry-snapshots/node'),
    import('@sentry-snapshots/core'),
  ]);
  const timeoutMs = core.decodeOptions(['archiveTimeout'], flags).archiveTimeout!;
  const connection = await resolveCliConnection(flags, io);
  const say = (line: string) => {
    // Ids, names and folders, some from the server: each message stays one line.
    if (!connection.quiet) io.stderr.write(`${core.escapeTerminalText(line)}\n`);
  };
  const result = await downloadSnapshot({
    ...connection.sdk,
    ...(flags.snapshotId === undefined ? {} : { snapshotId: flags.snapshotId }),
    ...(flags.appId === undefined ? {} : { appId: flags.appId }),
    ...(flags.branch === undefined ? {} : { branch: flags.branch }),
    output: flags.output,
    ...(flags.clean ? { clean: true } : {}),
    timeoutMs,
    onEvent: (event) => {
      if (event.kind === 'resolving') say(`Resolving latest baseline snapshot for app '${event.appId}'...`);
      else if (event.kind === 'resolved')
        say(`Found snapshot ${event.artifactId} (${event.imageCount} images)`);
      else if (event.kind === 'building') say('Building snapshot archive...');
      else if (event.kind === 'downloading') say(`Downloading snapshot ${event.artifactId}...`);
    },
  });
  say('');
  say(`Downloaded ${result.files.length} images from snapshot ${result.artifactId} to ${flags.output}`);
  if (flags.json) io.stdout.write(`${core.stringifyJsonForTerminal(result)}\n`);
}
