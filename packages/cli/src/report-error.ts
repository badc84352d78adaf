import {
  escapeTerminalText,
  isSnapshotsError,
  SnapshotsError,
  spellOptionError,
  stringifyJsonForTerminal,
} from '@sentry-snapshots/core';
import type { CommanderError } from 'commander';
import type { Output } from './cli-io.js';
import { exitCodeFor } from './exit-codes.js';
import { cliSpelling } from './table-options.js';

export interface ReportErrorOptions {
  stdout: Output;
  stderr: Output;
  /** Also print the error as JSON on stdout, for `--json`. */
  json: boolean;
  /** Show causes and stacks, for `--log-level debug`. */
  verbose: boolean;
}

/** Prints `error:`/`hint:` lines on stderr (and JSON on stdout with `--json`); returns the exit code. */
export function reportError(thrown: unknown, options: ReportErrorOptions): number {
  const error = spellOptionError(thrown, cliSpelling);
  const exitCode = exitCodeFor(error);
  const known = isSnapshotsError(error);
  const message = error instanceof Error ? error.message : String(error);
  const hint = known ? error.hint : 'This is unexpected: rerun with --log-level debug and report the output.';
  // Messages carry servers' details and file names: one escaped line each, whatever they hold.
  options.stderr.write(`error: ${escapeTerminalText(known ? message : `unexpected failure: ${message}`)}\n`);
  if (hint) options.stderr.write(`hint: ${escapeTerminalText(hint)}\n`);
  if (options.verbose) {
    for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
      options.stderr.write(`debug: ${describeStack(cause)}\n`);
    }
  }
  if (options.json) {
    const body = known
      ? error.toJSON()
      : { code: 'UNEXPECTED', family: 'general', message, ...(hint ? { hint } : {}) };
    options.stdout.write(`${stringifyJsonForTerminal({ error: body, exitCode })}\n`);
  }
  return exitCode;
}

/** The error's name and message as one escaped line, then the stack's frames, each a line. */
function describeStack(error: Error): string {
  const head = `${error.name}: ${error.message}`;
  const stack = error.stack ?? head;
  const frames = stack.startsWith(head) ? stack.slice(head.length) : `\n${stack}`;
  return [head, ...frames.split('\n').slice(1)].map(escapeTerminalText).join('\n');
}

const missingCodes = new Set([
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
]);

/** Commander's parse errors as usage errors, pointing at the help page that fits. */
export function usageError(error: CommanderError, help: string): SnapshotsError {
  return new SnapshotsError(
    missingCodes.has(error.code) ? 'MISSING_OPTION' : 'INVALID_OPTION',
    error.message.replace(/^error: /, ''),
    { hint: `See \`${help}\`.`, cause: error },
  );
}
