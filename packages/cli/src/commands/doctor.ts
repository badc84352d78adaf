import type { SnapshotsError } from '@sentry-snapshots/core';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { addConnectionOptions, type ConnectionFlags } from '../connection-options.js';
import type { DoctorOutput } from '../render-doctor.js';
import { addVcsOptions, type VcsFlags } from '../vcs-options.js';
import { version } from '../version.js';

/** The options of `doctor`, global ones included, as commander hands them over. */
export interface DoctorFlags extends ConnectionFlags, VcsFlags {
  json?: boolean;
}

const examples = `
Examples:
  # Paste the output into a bug report (the token is shown masked)
  $ sentry-snapshots doctor

  # What an upload in this CI job would send, as JSON
  $ sentry-snapshots doctor -o acme -p web --json

  # Check the git fields on a laptop, where they are only collected when forced
  $ sentry-snapshots doctor --force-git-metadata
`;

/** `doctor`: what a user pastes into a bug report; the data comes from core's `gatherDoctorReport`. */
export function registerDoctorCommand(program: Command, context: CommandContext): void {
  // The VCS options are upload's, so the report shows what an upload with them would send.
  addVcsOptions(
    addConnectionOptions(
      program
        .command('doctor')
        .description(
          'Show the detected CI, every VCS field and its source, git depth, proxies, and whether the token reaches the org and project.',
        ),
    ),
  )
    .option('--json', 'Print the report as JSON on stdout.')
    .addHelpText('after', examples)
    .action(async (_flags: DoctorFlags, command: Command) => {
      await runDoctor(command.optsWithGlobals<DoctorFlags>(), context.io);
    });
}

async function runDoctor(flags: DoctorFlags, io: CliIo): Promise<void> {
  const [core, sdk, { resolveCliConnection }, { gitMetadataMode }, { cliSpelling }, { renderDoctor }] =
    await Promise.all([
      import('@sentry-snapshots/core'),
      import('@sentry-snapshots/node'),
      import('../resolve-cli-connection.js'),
      import('../vcs-options.js'),
      import('../table-options.js'),
      import('../render-doctor.js'),
    ]);
  const connection = await resolveCliConnection(flags, io);
  // The same reading as an upload's, collecting every bad value instead of stopping at the first.
  const problems: SnapshotsError[] = [];
  const given = core.decodeOptions(['authToken', 'org', 'project', 'url'], flags, problems);
  const vcs = core.decodeOptions(core.vcsFields, flags, problems);
  const diagnosis = await sdk.diagnose({
    ...connection.sdk,
    ...given,
    vcs,
    gitMetadata: gitMetadataMode(flags),
    ...(connection.http?.proxyUrl ? { proxyUrl: connection.http.proxyUrl } : {}),
    problems,
    spelling: cliSpelling,
  });
  const { problems: config, ...report } = diagnosis;
  const output: DoctorOutput = {
    version,
    runtime: { node: process.version, platform: process.platform, arch: process.arch },
    config,
    ...report,
  };
  io.stdout.write(flags.json ? `${core.stringifyJsonForTerminal(output)}\n` : renderDoctor(output));
}
