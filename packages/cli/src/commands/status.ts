import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import { tableOption } from '../table-options.js';

/** The options of `status`, global ones included, as commander hands them over. */
export interface StatusFlags extends ConnectionFlags {
  json?: boolean;
  wait?: boolean;
  waitTimeout: string;
  failOnChanges?: boolean;
  requireBase?: boolean;
}

const examples = `
Examples:
  # The comparison of a snapshot as a table
  $ sentry-snapshots status 12345 -o acme

  # In CI: wait for the comparison, fail the job when images changed
  $ sentry-snapshots status 12345 --wait --fail-on-changes

  # Everything as JSON for a script (the summary and Sentry's raw answer)
  $ sentry-snapshots status 12345 --json

Exit codes: 0 passed, 50 changes found (with --fail-on-changes), 51 the comparison failed or
did not end within --wait-timeout, 31 unknown snapshot, 30 bad token, 40/41 API or network errors.
`;

/** `status <artifact-id>`: the comparison of an uploaded snapshot, optionally waiting for it to end. */
export function registerStatusCommand(program: Command, context: CommandContext): void {
  addConnectionOptions(
    program
      .command('status')
      .description("Show a snapshot's comparison with its base: state, counts and the images that changed.")
      .argument('<artifact-id>', 'The snapshot artifact ID, as printed by upload.'),
    { project: 'The project ID or slug (not needed to read a snapshot).' },
  )
    .option('--json', 'Print the summary and the raw snapshot detail as JSON on stdout.')
    .addOption(tableOption('wait', 'Poll until the comparison ends (progress on stderr).'))
    .addOption(tableOption('waitTimeout'))
    .addOption(tableOption('waitTimeout', 'The same as --wait-timeout.', '--timeout'))
    .addOption(
      tableOption(
        'failOnChanges',
        'Exit with 50 when images were changed, added, removed or errored and not approved in Sentry.',
      ),
    )
    .addOption(tableOption('requireBase'))
    .addHelpText('after', examples)
    .action(async (artifactId: string, _flags: StatusFlags, command: Command) => {
      await runStatus(artifactId, command.optsWithGlobals<StatusFlags>(), context.io);
    });
}

async function runStatus(artifactId: string, flags: StatusFlags, io: CliIo): Promise<void> {
  const [
    { decodeOptions, parseArtifactIdOption, stringifyJsonForTerminal },
    { resolveCliConnection },
    read,
    { renderStatus },
  ] = await Promise.all([
    import('@sentry-snapshots/core'),
    import('../resolve-cli-connection.js'),
    import('../read-comparison.js'),
    import('../render-status.js'),
  ]);
  parseArtifactIdOption(artifactId, '<artifact-id>');
  const timeoutMs = decodeOptions(['waitTimeout'], flags).waitTimeout!;
  const connection = await resolveCliConnection(flags, io);
  const failOnChanges = Boolean(flags.failOnChanges);
  const status = await read.readComparison(
    {
      artifactId,
      wait: Boolean(flags.wait),
      timeoutMs,
      failOnChanges,
      requireBase: Boolean(flags.requireBase),
    },
    connection,
    io,
  );
  read.warnIfUnsettled(status, failOnChanges, connection, io);
  if (flags.json) {
    // On failure the error's JSON (printed by the program) holds the summary and detail instead.
    if (status.failure === undefined) io.stdout.write(`${stringifyJsonForTerminal(status)}\n`);
  } else if (!connection.quiet) {
    io.stdout.write(renderStatus(status.summary, status.detail));
  }
  if (status.failure) throw status.failure;
}
