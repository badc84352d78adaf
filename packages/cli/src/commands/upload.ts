import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions } from '../connection-options.js';
import { addTableOptions, tableOption } from '../table-options.js';
import type { UploadFlags } from '../upload-flags.js';
import { addVcsOptions } from '../vcs-options.js';

const examples = `
Examples:
  # Upload a folder of screenshots (token, org and project from env or .sentryclirc)
  $ sentry-snapshots upload ./screenshots --app-id web

  # Everything explicit, against a self-hosted Sentry
  $ sentry-snapshots --url https://sentry.example.com/ upload ./screenshots \\
      --app-id web -o acme -p frontend --auth-token "$SENTRY_AUTH_TOKEN"

  # A pull request build compared with its base commit
  $ sentry-snapshots upload ./screenshots --app-id web \\
      --base-sha "$(git merge-base origin/main HEAD)" --base-repo-name acme/web

  # Only part of the suite ran: list every name so removals are still detected
  $ sentry-snapshots upload ./changed --app-id web --all-image-file-names-file all-names.txt

  # See the manifest that would be sent, without writing anything
  $ sentry-snapshots upload ./screenshots --app-id web --dry-run

  # Machine-readable result for scripts
  $ sentry-snapshots upload ./screenshots --app-id web --json > result.json

  # In CI: upload, wait for the comparison with the base, fail the job when images changed
  $ sentry-snapshots upload ./screenshots --app-id web --fail-on-changes

  # Several folders as one snapshot, each module's images under its own name prefix
  $ sentry-snapshots upload app/build/outputs/roborazzi=app feature/build/outputs/roborazzi=feature --app-id android

  # One shard of a suite split over CI machines; finalize then makes one snapshot of every shard
  $ sentry-snapshots upload ./screenshots --app-id web --shard-out shards/shard-2.json

Exit codes with --wait: as \`status --wait\`: 0 passed, 50 changes found (with --fail-on-changes),
51 the comparison failed or did not end within --wait-timeout.
`;

/** `upload <path...>`: a drop-in for `sentry-cli snapshots upload`, plus --json, --dry-run, --concurrency, --wait. */
export function registerUploadCommand(program: Command, context: CommandContext): void {
  const command = addConnectionOptions(
    program
      .command('upload')
      .description('Upload a folder of screenshots to Sentry as a snapshot.')
      .argument(
        '<path...>',
        'The folder of images to upload; several make one snapshot, each as DIR or DIR=PREFIX (its images then named PREFIX/...).',
      ),
  );
  addTableOptions(command, ['appId', 'diffThreshold', 'selective'])
    .addOption(tableOption('allImageFileNames').conflicts('allImageFileNamesFile'))
    .addOption(tableOption('allImageFileNamesFile'));
  addVcsOptions(command)
    .option('--json', 'Print the result as JSON on stdout (and nothing else there).')
    .addOption(tableOption('prefix'))
    .addOption(tableOption('shardOut').conflicts(['dryRun', 'wait', 'failOnChanges', 'requireBase']))
    .addOption(tableOption('dryRun'))
    .addOption(tableOption('strict'))
    .addOption(tableOption('concurrency'))
    .addOption(tableOption('uploadTimeout'))
    .addOption(tableOption('wait').conflicts('dryRun'))
    .addOption(tableOption('waitTimeout'))
    .addOption(tableOption('failOnChanges').conflicts('dryRun'))
    .addOption(tableOption('requireBase').conflicts('dryRun'))
    .addHelpText('after', examples)
    .action(async (paths: string[], _flags: UploadFlags, self: Command) => {
      const { runUpload } = await import('../run-upload.js');
      await runUpload(paths, self.optsWithGlobals<UploadFlags>(), context.io);
    });
}
