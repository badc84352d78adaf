import { Command, CommanderError } from 'commander';
import type { CliIo } from './cli-io.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerDownloadCommand } from './commands/download.js';
import { registerFinalizeCommand } from './commands/finalize.js';
import { registerStatusCommand } from './commands/status.js';
import { registerUploadCommand } from './commands/upload.js';
import { addGlobalOptions } from './connection-options.js';
import { parseLogLevel } from './log-level.js';
import { version } from './version.js';

const examples = `
Examples:
  $ sentry-snapshots upload ./screenshots --app-id web
  $ sentry-snapshots --url https://sentry.example.com/ upload ./screenshots --app-id web --json
  $ sentry-snapshots upload --help

Configuration (as sentry-cli): flags, then SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_PROJECT,
SENTRY_URL, SENTRY_LOG_LEVEL, CUSTOM_HEADER, then .sentryclirc ([auth] token, [defaults]
org/project/url, [http] proxy_url/verify_ssl/keepalive/timeout) found upward from the current folder
and in your home folder.
`;

/** The program with its global options (accepted before or after the command, as sentry-cli does). */
export function createProgram(io: CliIo): Command {
  const program = addGlobalOptions(
    new Command('sentry-snapshots')
      .description('Upload screenshots to Sentry as snapshots: a faster drop-in for `sentry-cli snapshots`.')
      .version(version, '-V, --version', 'Print the version.')
      .helpOption('-h, --help', 'Print help.'),
  )
    // `sentry-snapshots help upload`, as sentry-cli has it, beside `upload --help`.
    .helpCommand('help [command]', 'Print help for a command.')
    .showHelpAfterError(false)
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Parse errors are reported by runProgram, with a hint and the usage exit code.
      outputError: () => {},
    })
    .exitOverride()
    .addHelpText('after', examples);
  registerUploadCommand(program, { io });
  registerFinalizeCommand(program, { io });
  registerDiffCommand(program, { io });
  registerDoctorCommand(program, { io });
  registerStatusCommand(program, { io });
  registerDownloadCommand(program, { io });
  return program;
}

/** Runs the CLI on `args` (without node and the script) and resolves with the exit code. */
export async function runProgram(args: string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  if (args.length === 0) {
    program.outputHelp();
    return 0;
  }
  const report = {
    stdout: io.stdout,
    stderr: io.stderr,
    json: args.includes('--json'),
    verbose: isVerbose(args, io),
  };
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    if (
      error instanceof CommanderError &&
      (error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version')
    ) {
      return 0;
    }
    // Loaded only on failure: reporting needs core, which start-up does without.
    const [{ reportError, usageError }, { asInterruption }] = await Promise.all([
      import('./report-error.js'),
      import('./interruption.js'),
    ]);
    // After Ctrl-C, whatever a command ended with is the interrupt (exit 130), never a failure of its own.
    if (io.signal.aborted) return reportError(asInterruption(error), report);
    return reportError(
      error instanceof CommanderError ? usageError(error, helpCommand(args, program)) : error,
      report,
    );
  }
  if (!io.signal.aborted) return 0;
  // A step that does not watch the signal ran to its end: the output is out, so no second JSON document.
  const [{ reportError }, { interruptedAtEnd }] = await Promise.all([
    import('./report-error.js'),
    import('./interruption.js'),
  ]);
  return reportError(interruptedAtEnd(), { ...report, json: false });
}

/** The help page that fits the arguments: the command's when one was named. */
function helpCommand(args: string[], program: Command): string {
  const command = program.commands.find((candidate) => args.includes(candidate.name()));
  return command ? `sentry-snapshots ${command.name()} --help` : 'sentry-snapshots --help';
}

function isVerbose(args: string[], io: CliIo): boolean {
  const flag = args.findIndex((arg) => arg === '--log-level' || arg.startsWith('--log-level='));
  const value = flag < 0 ? io.env.SENTRY_LOG_LEVEL : (args[flag]?.split('=')[1] ?? args[flag + 1]);
  const level = parseLogLevel(value);
  return level === 'debug' || level === 'trace';
}
