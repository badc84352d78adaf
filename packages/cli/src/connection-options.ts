import { type Command, Option } from 'commander';
import { type LogLevel, logLevels } from './log-level.js';

/** The global options and the connection options every networked command shares, as commander hands them over. */
export interface ConnectionFlags {
  org?: string;
  project?: string;
  authToken?: string;
  url?: string;
  header?: string[];
  httpTimeout?: string;
  logLevel?: LogLevel;
  quiet?: boolean;
  silent?: boolean;
}

/** The options taken before or after any command, as sentry-cli takes them. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--url <URL>', 'Fully qualified URL to the Sentry server (default: https://sentry.io/).')
    .option(
      '--header <KEY:VALUE>',
      'Custom header attached to every request, in key:value format (repeatable).',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--auth-token <AUTH_TOKEN>', 'Use the given Sentry auth token.')
    .option(
      '--http-timeout <SECONDS>',
      'Fail a request after waiting this long on the server: to connect, for its answer, or in a stalled transfer (default: SENTRY_HTTP_TIMEOUT, [http] timeout, 20).',
    )
    .addOption(new Option('--log-level <LOG_LEVEL>', 'Set the log output verbosity.').choices(logLevels))
    .option('--quiet', 'Print nothing but errors while preserving the exit code (alias: --silent).')
    .addOption(new Option('--silent').hideHelp());
}

/** `-o/--org` and `-p/--project`; `projectHelp` says what the project is for in this command. */
export function addConnectionOptions(command: Command, projectHelp = 'The project ID or slug.'): Command {
  return command
    .option('-o, --org <ORG>', 'The organization ID or slug.')
    .option('-p, --project <PROJECT>', projectHelp);
}
