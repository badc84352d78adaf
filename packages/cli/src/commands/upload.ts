import { type Command, Option } from 'commander';
import type { CommandContext } from '../command-context.js';
import type { UploadFlags } from '../upload-flags.js';

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
`;

/** `upload <path>`: a drop-in for `sentry-cli snapshots upload`, plus --json, --dry-run, --concurrency. */
export function registerUploadCommand(program: Command, context: CommandContext): void {
  program
    .command('upload')
    .description('Upload a folder of screenshots to Sentry as a snapshot.')
    .argument('<path>', 'The path to the folder containing images to upload.')
    .option('-o, --org <ORG>', 'The organization ID or slug.')
    .option('-p, --project <PROJECT>', 'The project ID or slug.')
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
    )
    .option('--head-sha <head_sha>', 'The commit sha of this build (default: from CI or git).')
    .option('--base-sha <base_sha>', 'The commit sha to compare with (default: the merge-base).')
    .option('--vcs-provider <vcs_provider>', 'The VCS provider, e.g. github (default: from the remote).')
    .option('--head-repo-name <head_repo_name>', 'The repository of this build, e.g. owner/repo.')
    .option('--base-repo-name <base_repo_name>', 'The repository of the base build, e.g. owner/repo.')
    .option('--head-ref <head_ref>', 'The branch of this build.')
    .option('--base-ref <base_ref>', 'The branch of the base build.')
    .option('--pr-number <pr_number>', 'The pull request number.')
    .addOption(
      new Option('--force-git-metadata', 'Collect git metadata even outside CI.').conflicts('gitMetadata'),
    )
    .option('--no-git-metadata', 'Do not collect or send git metadata.')
    .option('--json', 'Print the result as JSON on stdout (and nothing else there).')
    .option('--dry-run', 'Do everything but the writes, and print the manifest that would be sent.')
    .option('--concurrency <n>', 'How many files and requests are in flight at once.')
    .addHelpText('after', examples)
    .action(async (path: string, _flags: UploadFlags, command: Command) => {
      const { runUpload } = await import('../run-upload.js');
      await runUpload(path, command.optsWithGlobals<UploadFlags>(), context.io);
    });
}
