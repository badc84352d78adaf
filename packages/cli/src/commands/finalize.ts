import type { Command } from 'commander';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions } from '../connection-options.js';
import type { FinalizeFlags } from '../finalize-flags.js';
import { addTableOptions, tableOption } from '../table-options.js';

const examples = `
Examples:
  # Each CI machine stored its shard: upload ./screenshots --app-id web --shard-out shards/shard-N.json
  # One last job makes the snapshot of all four, and fails the build on changes
  $ sentry-snapshots finalize shards/ --expect-shards 4 --fail-on-changes

  # Shard files named one by one, the result as JSON
  $ sentry-snapshots finalize shard-1.json shard-2.json --json

Nothing is uploaded again: every object of every shard must already be stored (exit 20 names the
shard to rerun otherwise). Shards that disagree, conflict or are missing exit with 20 and create no
snapshot; with --wait, exit codes as \`upload --wait\`.
`;

/** `finalize <shard...>`: one snapshot of the shards that `upload --shard-out` wrote. */
export function registerFinalizeCommand(program: Command, context: CommandContext): void {
  const command = addConnectionOptions(
    program
      .command('finalize')
      .description(
        'Create one snapshot from the shard files that sharded uploads (upload --shard-out) wrote.',
      )
      .argument('<shard...>', 'Shard files, or folders holding them (every *.json file inside is read).'),
  );
  addTableOptions(command, ['expectShards'])
    .addOption(tableOption('appId', 'The app id; it comes from the shards, and if given must be theirs.'))
    .addOption(tableOption('allImageFileNames').conflicts('allImageFileNamesFile'))
    .addOption(tableOption('allImageFileNamesFile'))
    .option('--json', 'Print the result as JSON on stdout (and nothing else there).')
    .addOption(tableOption('concurrency'))
    .addOption(tableOption('uploadTimeout'))
    .addOption(tableOption('wait'))
    .addOption(tableOption('waitTimeout'))
    .addOption(tableOption('failOnChanges'))
    .addOption(tableOption('requireBase'))
    .addHelpText('after', examples)
    .action(async (shards: string[], _flags: FinalizeFlags, self: Command) => {
      const { runFinalize } = await import('../run-finalize.js');
      await runFinalize(shards, self.optsWithGlobals<FinalizeFlags>(), context.io);
    });
}
