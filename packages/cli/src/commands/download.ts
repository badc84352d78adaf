import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import type { ConnectionFlags } from '../status-connection.js';

/** The options of `download`, global ones included, as commander hands them over. */
export interface DownloadFlags extends ConnectionFlags {
  appId?: string;
  snapshotId?: string;
  branch?: string;
  output: string;
  timeout: string;
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
  program
    .command('download')
    .description('Download the images of a snapshot (or the latest base snapshot of an app) into a folder.')
    .option('-o, --org <ORG>', 'The organization ID or slug.')
    .option('-p, --project <PROJECT>', 'The project ID or slug (narrows the --app-id search).')
    .addOption(
      new Option(
        '--app-id <APP_ID>',
        'App identifier (e.g. sentry-frontend). Mutually exclusive with --snapshot-id.',
      ).conflicts('snapshotId'),
    )
    .option('--snapshot-id <ID>', 'Direct snapshot artifact ID. Mutually exclusive with --app-id.')
    .option('--branch <NAME>', 'Git branch filter (only with --app-id).')
    .option('--output <DIR>', 'Directory for extracted images.', './snapshots-base/')
    .option('--timeout <SECONDS>', 'How long to wait for Sentry to build the archive.', '300')
    .option('--json', 'Print the result (snapshot id, folder, files, bytes) as JSON on stdout.')
    .addHelpText('after', examples)
    .action(async (_flags: DownloadFlags, command: Command) => {
      await runDownload(command.optsWithGlobals<DownloadFlags>(), context.io);
    });
}

async function runDownload(flags: DownloadFlags, io: CliIo): Promise<void> {
  const [core, { resolveReadConnection }] = await Promise.all([
    import('@sentry-snapshots/core'),
    import('../status-connection.js'),
  ]);
  const timeout = Number(flags.timeout);
  if (flags.timeout.trim() === '' || !Number.isFinite(timeout) || timeout < 0) {
    throw new core.SnapshotsError(
      'INVALID_OPTION',
      `--timeout must be a number of seconds, got "${flags.timeout}".`,
      {
        hint: 'Pass e.g. --timeout 300.',
      },
    );
  }
  const connection = await resolveReadConnection(flags, io);
  const say = (line: string) => {
    if (!connection.quiet) io.stderr.write(`${line}\n`);
  };
  const result = await core.downloadSnapshot(
    {
      url: connection.url,
      authToken: connection.authToken,
      headers: connection.headers,
      org: connection.org,
      project: connection.project,
      snapshotId: flags.snapshotId,
      appId: flags.appId,
      branch: flags.branch,
      output: flags.output,
      timeoutMs: timeout * 1000,
      onEvent: (event) => {
        if (event.kind === 'resolving') say(`Resolving latest baseline snapshot for app '${event.appId}'...`);
        else if (event.kind === 'resolved')
          say(`Found snapshot ${event.artifactId} (${event.imageCount} images)`);
        else if (event.kind === 'building') say('Building snapshot archive...');
        else if (event.kind === 'downloading') say(`Downloading snapshot ${event.artifactId}...`);
      },
    },
    connection.world,
  );
  say(`\nDownloaded ${result.files.length} images from snapshot ${result.artifactId} to ${flags.output}`);
  if (flags.json) io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
