import { isSnapshotsError, SnapshotsError, spellOptionError } from '@sentry-snapshots/core';
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
  options.stderr.write(`error: ${known ? message : `unexpected failure: ${message}`}\n`);
  if (hint) options.stderr.write(`hint: ${hint}\n`);
  if (options.verbose) {
    for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
      options.stderr.write(`debug: ${cause.stack ?? cause.message}\n`);
    }
  }
  if (options.json) {
    const body = known
      ? error.toJSON()
      : { code: 'UNEXPECTED', family: 'general', message, ...(hint ? { hint } : {}) };
    options.stdout.write(`${JSON.stringify({ error: body, exitCode }, null, 2)}\n`);
  }
  return exitCode;
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
