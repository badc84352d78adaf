import { type Command, Option } from 'commander';
import type { LogLevel } from './log-level.js';
import { addTableOptions, type HelpOverrides } from './table-options.js';

/** The global options and the connection options every networked command shares, as commander hands them over. */
export interface ConnectionFlags {
  org?: string;
  project?: string;
  authToken?: string;
  url?: string;
  headers?: string[];
  httpTimeout?: string;
  logLevel?: LogLevel;
  quiet?: boolean;
  silent?: boolean;
}

/** The options taken before or after any command, as sentry-cli takes them. */
export function addGlobalOptions(program: Command): Command {
  return addTableOptions(program, ['url', 'headers', 'authToken', 'httpTimeout', 'logLevel'])
    .option('--quiet', 'Print nothing but errors while preserving the exit code (alias: --silent).')
    .addOption(new Option('--silent').hideHelp());
}

/** `-o/--org` and `-p/--project`; `help` says what the project is for in this command. */
export function addConnectionOptions(command: Command, help: HelpOverrides = {}): Command {
  return addTableOptions(command, ['org', 'project'], help);
}
