import { setFlagsFromString } from 'node:v8';
import {
  decodeOptions,
  escapeTerminalText,
  isSnapshotsError,
  parseImageFolder,
  SnapshotsError,
  stringifyJsonForTerminal,
  type UploadPhase,
  type UploadResult,
} from '@sentry-snapshots/core';
import { type UploadSnapshotsResult, uploadSnapshots } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import { formatBytes } from './format-bytes.js';
import { createCommandProgress, type ProgressReporter, phaseLabels } from './progress-reporter.js';
import { comparisonProgress, warnIfUnsettled } from './read-comparison.js';
import { renderStatus } from './render-status.js';
import { renderUploadResult } from './render-upload-result.js';
import { resolveCliConnection } from './resolve-cli-connection.js';
import { resolveUploadOptions } from './resolve-upload-options.js';
import type { UploadFlags } from './upload-flags.js';

/**
 * From this many images V8 runs in its memory-saving mode, switched on once the folder is listed:
 * it lowers the peak RSS of the largest uploads (measured in the bench, bench/results/latest.md).
 * Below it the mode is not worth its cost: a flag changed at run time makes Node compile the
 * modules it loads after without their code cache, which a small upload feels.
 */
const MEMORY_SAVING_MIN_IMAGES = 20_000;

/**
 * `sentry-snapshots upload <path...>`: resolves flags, env and .sentryclirc, uploads through the SDK
 * (which waits for the comparison with `--wait` or `--fail-on-changes`), prints, and fails as the
 * SDK's verdict says.
 */
export async function runUpload(paths: string[], flags: UploadFlags, io: CliIo): Promise<void> {
  const connection = await resolveCliConnection(flags, io);
  const { env, quiet, logger } = connection;
  const options = resolveUploadOptions(flags, env);
  const { wait, failOnChanges, requireBase, waitTimeout } = decodeOptions(
    ['wait', 'failOnChanges', 'requireBase', 'waitTimeout'],
    flags,
  );
  const json = Boolean(flags.json);
  const reporter = createCommandProgress(quiet, env, io.stderr);
  let result: UploadSnapshotsResult;
  try {
    result = await uploadSnapshots({
      ...options,
      ...connection.sdk,
      path: paths.map(parseImageFolder),
      hashing: io.hashing,
      appId: options.appId ?? '',
      ...(wait === undefined ? {} : { wait }),
      ...(failOnChanges === undefined ? {} : { failOnChanges }),
      ...(requireBase === undefined ? {} : { requireBase }),
      ...(waitTimeout === undefined ? {} : { waitTimeoutMs: waitTimeout }),
      onProgress: (event) => {
        if (event.phase === 'discover' && event.total >= MEMORY_SAVING_MIN_IMAGES) {
          setFlagsFromString('--optimize-for-size');
        }
        reporter?.update(event);
      },
      onUploaded: (uploaded) => {
        // While waiting, the snapshot's link is already on screen.
        reporter?.stop();
        if (!json && !quiet) io.stdout.write(`${renderUploadResult(uploaded)}\n`);
      },
      onPoll: comparisonProgress(connection, io),
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
  const { comparison } = result;
  if (comparison) warnIfUnsettled(comparison, Boolean(failOnChanges), connection, io);
  if (json) {
    // On failure the error's JSON (printed by the program) holds the upload and the comparison.
    if (!comparison?.failure) io.stdout.write(`${stringifyJsonForTerminal(result)}\n`);
  } else if (result.dryRun) {
    // The manifest alone on stdout, so it can be piped; the summary goes beside it on stderr.
    io.stdout.write(`${stringifyJsonForTerminal(result.manifest)}\n`);
    if (!quiet) io.stderr.write(renderUploadResult(result));
  } else if (!quiet) {
    io.stdout.write(
      comparison ? renderStatus(comparison.summary, comparison.detail) : renderUploadResult(result),
    );
  }
  if (comparison?.failure) throw comparison.failure;
}

const reportedPhases: UploadPhase[] = ['hash', 'check', 'store'];

function interrupted(cause: unknown, reporter: ProgressReporter | undefined): SnapshotsError {
  // The SDK puts the upload on an error that came after the snapshot was created.
  const details = isSnapshotsError(cause) ? cause.details : undefined;
  const upload = details?.upload as UploadResult | undefined;
  if (upload?.artifactId) {
    const id = upload.artifactId;
    const link = upload.snapshotUrl === null ? '' : ` (${upload.snapshotUrl})`;
    return new SnapshotsError(
      'ABORTED',
      `Snapshot ${id} was created${link}; only the wait for its comparison was interrupted, which goes on at Sentry.`,
      {
        cause,
        details: { ...details, artifactId: id },
        hint: `Wait for it again with \`sentry-snapshots status ${id} --wait\`: the upload is done.`,
      },
    );
  }
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
