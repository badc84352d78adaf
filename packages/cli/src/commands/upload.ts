import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions } from '../connection-options.js';
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

Exit codes with --wait: as \`status --wait\`: 0 passed, 50 changes found (with --fail-on-changes),
51 the comparison failed or did not end within --wait-timeout.
`;

/** `upload <path>`: a drop-in for `sentry-cli snapshots upload`, plus --json, --dry-run, --concurrency, --wait. */
export function registerUploadCommand(program: Command, context: CommandContext): void {
  const command = addConnectionOptions(
    program
      .command('upload')
      .description('Upload a folder of screenshots to Sentry as a snapshot.')
      .argument('<path>', 'The path to the folder containing images to upload.'),
  )
    .option('--app-id <APP_ID>', 'The application identifier.')
    .option(
      '--diff-threshold <THRESHOLD>',
      'Only report images as changed when they differ by more than this fraction (0.01 = 1%).',
    )
    .option('--selective', 'This upload holds only a subset of the images.')
    .addOption(
      new Option(
        '--all-image-file-names <NAMES>',
        'Comma-separated names of every image of the full suite (implies --selective).',
      ).conflicts('allImageFileNamesFile'),
    )
    .option(
      '--all-image-file-names-file <PATH>',
      'A file with the name of every image of the full suite, one per line (implies --selective).',
    );
  addVcsOptions(command)
    .option('--json', 'Print the result as JSON on stdout (and nothing else there).')
    .option('--dry-run', 'Do everything but the writes, and print the manifest that would be sent.')
    .option('--concurrency <n>', 'How many requests to the object store are in flight at once.')
    .option(
      '--upload-timeout <SECONDS>',
      'Stop the upload after this long (exit 41; a rerun finishes it). Default: SENTRY_SNAPSHOTS_UPLOAD_TIMEOUT, else no limit.',
    )
    .addOption(
      new Option(
        '--wait',
        'After the upload, poll until the comparison with the base ends, then show it as `status` does.',
      ).conflicts('dryRun'),
    )
    .option('--wait-timeout <SECONDS>', 'Give up waiting after this long (exit 51).', '600')
    .addOption(
      new Option(
        '--fail-on-changes',
        'Implies --wait; exit with 50 when images were changed, added, removed or errored.',
      ).conflicts('dryRun'),
    )
    .addHelpText('after', examples)
    .action(async (path: string, _flags: UploadFlags, self: Command) => {
      const { runUpload } = await import('../run-upload.js');
      await runUpload(path, self.optsWithGlobals<UploadFlags>(), context.io);
    });
}
