import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import type { ConnectionFlags } from '../status-connection.js';

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
  program
    .command('status')
    .description("Show a snapshot's comparison with its base: state, counts and the images that changed.")
    .argument('<artifact-id>', 'The snapshot artifact ID, as printed by upload.')
    .option('-o, --org <ORG>', 'The organization ID or slug.')
    .option('-p, --project <PROJECT>', 'The project ID or slug (not needed to read a snapshot).')
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
  const [core, { resolveReadConnection }, { renderStatus }, { statusOutcome }] = await Promise.all([
    import('@sentry-snapshots/core'),
    import('../status-connection.js'),
    import('../render-status.js'),
    import('../status-outcome.js'),
  ]);
  const timeout = Number(flags.timeout);
  if (flags.timeout.trim() === '' || !Number.isFinite(timeout) || timeout < 0) {
    throw new core.SnapshotsError(
      'INVALID_OPTION',
      `--timeout must be a number of seconds, got "${flags.timeout}".`,
      {
        hint: 'Pass e.g. --timeout 600.',
      },
    );
  }
  const connection = await resolveReadConnection(flags, io);
  const { world } = connection;
  const target = {
    url: connection.url,
    authToken: connection.authToken,
    ...(connection.headers ? { headers: connection.headers } : {}),
  };
  let detail: Awaited<ReturnType<typeof core.waitForComparison>>;
  if (flags.wait) {
    const started = world.clock.now();
    let last = '';
    detail = await core.waitForComparison(
      {
        ...target,
        org: connection.org,
        artifactId,
        timeoutMs: timeout * 1000,
        onPoll: (polled) => {
          if (connection.quiet || core.isComparisonSettled(polled)) return;
          const state = polled.comparison_state ?? polled.comparison_type;
          const seconds = Math.round((world.clock.now() - started) / 1000);
          if (state !== last)
            io.stderr.write(`Waiting for the comparison of snapshot ${artifactId}: ${state}\n`);
          else io.stderr.write(`  still ${state} after ${seconds} s\n`);
          last = state;
        },
      },
      world,
    );
  } else {
    detail = await core.createSentryClient(target, world).getSnapshot(connection.org, artifactId);
  }
  const summary = core.summarizeComparison(detail);
  if (flags.failOnChanges && !core.isComparisonSettled(detail) && !connection.quiet) {
    io.stderr.write(
      'warning: the comparison has not finished, so --fail-on-changes has nothing to judge yet; pass --wait.\n',
    );
  }
  const outcome = statusOutcome(summary, {
    failOnChanges: Boolean(flags.failOnChanges),
    detail: flags.json ? detail : undefined,
  });
  if (flags.json) {
    // On failure the error's JSON (printed by the program) holds the summary and detail instead.
    if (outcome === undefined) io.stdout.write(`${JSON.stringify({ summary, detail }, null, 2)}\n`);
  } else if (!connection.quiet) {
    io.stdout.write(renderStatus(summary, detail));
  }
  if (outcome) throw outcome;
}
