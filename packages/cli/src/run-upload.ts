import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import {
  escapeTerminalText,
  isSnapshotsError,
  readImageNames,
  SnapshotsError,
  stringifyJsonForTerminal,
  type UploadPhase,
  type UploadResult,
} from '@sentry-snapshots/core';
import { uploadSnapshots } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import { formatBytes } from './format-bytes.js';
import { parseSeconds } from './parse-seconds.js';
import { createProgressReporter, type ProgressReporter, phaseLabels } from './progress-reporter.js';
import { judgeComparison, readComparison } from './read-comparison.js';
import { renderStatus } from './render-status.js';
import { renderUploadResult } from './render-upload-result.js';
import { type CliConnection, resolveCliConnection } from './resolve-cli-connection.js';
import { resolveUploadOptions } from './resolve-upload-options.js';
import type { UploadFlags } from './upload-flags.js';

/**
 * From this many images V8 runs in its memory-saving mode, switched on once the folder is listed:
 * the peak RSS of 50,000 images fell from 182-213 to 140-172 MB. Below it the mode is not worth its
 * cost: a flag changed at run time makes Node compile the modules it loads after without their
 * code cache (about 15 ms of a 1,000-image upload).
 */
const MEMORY_SAVING_MIN_IMAGES = 20_000;

/**
 * `sentry-snapshots upload <path>`: resolves flags, env and .sentryclirc, uploads, prints; with
 * `--wait` or `--fail-on-changes`, then waits for the comparison and judges it as `status` does.
 */
export async function runUpload(path: string, flags: UploadFlags, io: CliIo): Promise<void> {
  const connection = await resolveCliConnection(flags, io);
  const { env, quiet, logger } = connection;
  const options = resolveUploadOptions(flags, env);
  const wait = Boolean(flags.wait || flags.failOnChanges);
  const waitTimeoutMs = wait ? parseSeconds('--wait-timeout', flags.waitTimeout ?? '600', '600') : 0;
  const allImageFileNames = await readImageNames({
    ...(flags.allImageFileNames === undefined ? {} : { names: flags.allImageFileNames }),
    ...(flags.allImageFileNamesFile === undefined
      ? {}
      : { file: resolve(io.cwd, flags.allImageFileNamesFile) }),
  });
  // SENTRY_NO_PROGRESS_BAR=1 hides progress as in sentry-cli; results and warnings still print.
  const reporter =
    quiet || env.SENTRY_NO_PROGRESS_BAR === '1'
      ? undefined
      : createProgressReporter({
          stream: io.stderr,
          interactive: Boolean(io.stderr.isTTY) && !env.CI && env.TERM !== 'dumb',
        });
  let result: Awaited<ReturnType<typeof uploadSnapshots>>;
  try {
    result = await uploadSnapshots({
      ...options,
      path,
      appId: options.appId ?? '',
      ...(allImageFileNames ? { allImageFileNames, selective: true } : {}),
      onProgress: (event) => {
        if (event.phase === 'discover' && event.total >= MEMORY_SAVING_MIN_IMAGES) {
          setFlagsFromString('--optimize-for-size');
        }
        reporter?.update(event);
      },
      logger,
      signal: io.signal,
      env,
      cwd: io.cwd,
      ...(connection.sdk.dispatcher ? { dispatcher: connection.sdk.dispatcher } : {}),
    });
  } catch (error) {
    reporter?.stop();
    if (io.signal.aborted) throw interrupted(error, reporter);
    throw error;
  }
  reporter?.stop();
  if (!quiet) {
    for (const warning of result.warnings) {
      if (!logger.warned.has(warning)) io.stderr.write(`warning: ${escapeTerminalText(warning)}\n`);
    }
  }
  if (wait && result.artifactId !== null) {
    await waitForComparison(result, result.artifactId, { flags, waitTimeoutMs }, connection, io);
  } else if (flags.json) {
    io.stdout.write(`${stringifyJsonForTerminal(result)}\n`);
  } else if (result.dryRun) {
    // The manifest alone on stdout, so it can be piped; the summary goes beside it on stderr.
    io.stdout.write(`${stringifyJsonForTerminal(result.manifest)}\n`);
    if (!quiet) io.stderr.write(renderUploadResult(result));
  } else if (!quiet) {
    io.stdout.write(renderUploadResult(result));
  }
}

/**
 * After the upload: the same table (or JSON) and exit codes as `status --wait`. With `--json`,
 * one document: the upload result with `comparison` ({summary, detail}); on failure, the error's
 * details carry the upload result as `upload`, so scripts keep the artifact id and URL.
 */
async function waitForComparison(
  result: UploadResult,
  artifactId: string,
  { flags, waitTimeoutMs }: { flags: UploadFlags; waitTimeoutMs: number },
  connection: CliConnection,
  io: CliIo,
): Promise<void> {
  const json = Boolean(flags.json);
  if (!json && !connection.quiet) io.stdout.write(`${renderUploadResult(result)}\n`);
  let status: Awaited<ReturnType<typeof readComparison>>;
  try {
    status = await readComparison({ artifactId, wait: true, timeoutMs: waitTimeoutMs }, connection, io);
  } catch (error) {
    if (!json || !isSnapshotsError(error)) throw error;
    throw new SnapshotsError(error.code, error.message, {
      cause: error,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.status === undefined ? {} : { status: error.status }),
      details: { ...error.details, upload: result },
    });
  }
  const outcome = judgeComparison(
    status,
    { failOnChanges: Boolean(flags.failOnChanges), json, ...(json ? { details: { upload: result } } : {}) },
    connection,
    io,
  );
  if (json) {
    if (outcome === undefined)
      io.stdout.write(`${stringifyJsonForTerminal({ ...result, comparison: status })}\n`);
  } else if (!connection.quiet) {
    io.stdout.write(renderStatus(status.summary, status.detail));
  }
  if (outcome) throw outcome;
}

const reportedPhases: UploadPhase[] = ['hash', 'check', 'store'];

function interrupted(cause: unknown, reporter: ProgressReporter | undefined): SnapshotsError {
  const done = reportedPhases
    .map((phase) => reporter?.last.get(phase))
    .filter((event) => event !== undefined)
    .map((event) => {
      const bytes = event.bytes > 0 ? ` (${formatBytes(event.bytes)})` : '';
      return `${phaseLabels[event.phase].toLowerCase()} ${event.done}/${event.total}${bytes}`;
    });
  const progress = done.length > 0 ? ` Done before stopping: ${done.join('; ')}.` : '';
  return new SnapshotsError('ABORTED', `Upload interrupted; no snapshot was created.${progress}`, {
    cause,
    hint: 'Run the same command again to finish: objects already stored are not sent again.',
  });
}
