import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';

/** The options of `status`, global ones included, as commander hands them over. */
export interface StatusFlags extends ConnectionFlags {
  json?: boolean;
  wait?: boolean;
  timeout: string;
  failOnChanges?: boolean;
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
did not end within --timeout, 31 unknown snapshot, 30 bad token, 40/41 API or network errors.
`;

/** `status <artifact-id>`: the comparison of an uploaded snapshot, optionally waiting for it to end. */
export function registerStatusCommand(program: Command, context: CommandContext): void {
  addConnectionOptions(
    program
      .command('status')
      .description("Show a snapshot's comparison with its base: state, counts and the images that changed.")
      .argument('<artifact-id>', 'The snapshot artifact ID, as printed by upload.'),
    'The project ID or slug (not needed to read a snapshot).',
  )
    .option('--json', 'Print the summary and the raw snapshot detail as JSON on stdout.')
    .option('--wait', 'Poll until the comparison ends (progress on stderr).')
    .option('--timeout <SECONDS>', 'Give up waiting after this long.', '600')
    .option('--fail-on-changes', 'Exit with 50 when images were changed, added, removed or errored.')
    .addHelpText('after', examples)
    .action(async (artifactId: string, _flags: StatusFlags, command: Command) => {
      await runStatus(artifactId, command.optsWithGlobals<StatusFlags>(), context.io);
    });
}

async function runStatus(artifactId: string, flags: StatusFlags, io: CliIo): Promise<void> {
  const [
    { parseSeconds },
    { resolveCliConnection },
    { readComparison, judgeComparison },
    { renderStatus },
    { stringifyJsonForTerminal },
  ] = await Promise.all([
    import('../parse-seconds.js'),
    import('../resolve-cli-connection.js'),
    import('../read-comparison.js'),
    import('../render-status.js'),
    import('@sentry-snapshots/core'),
  ]);
  const timeoutMs = parseSeconds('--timeout', flags.timeout, '600');
  const connection = await resolveCliConnection(flags, io);
  const status = await readComparison({ artifactId, wait: Boolean(flags.wait), timeoutMs }, connection, io);
  const outcome = judgeComparison(
    status,
    { failOnChanges: Boolean(flags.failOnChanges), json: Boolean(flags.json) },
    connection,
    io,
  );
  if (flags.json) {
    // On failure the error's JSON (printed by the program) holds the summary and detail instead.
    if (outcome === undefined) io.stdout.write(`${stringifyJsonForTerminal(status)}\n`);
  } else if (!connection.quiet) {
    io.stdout.write(renderStatus(status.summary, status.detail));
  }
  if (outcome) throw outcome;
}
