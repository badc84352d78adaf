import { decodeOptions, escapeTerminalText, stringifyJsonForTerminal } from '@sentry-snapshots/core';
import { finalizeSnapshots } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import type { FinalizeFlags } from './finalize-flags.js';
import { createCommandProgress } from './progress-reporter.js';
import { comparisonProgress, warnIfUnsettled } from './read-comparison.js';
import { renderStatus } from './render-status.js';
import { renderUploadResult } from './render-upload-result.js';
import { resolveCliConnection, resolveHeaders } from './resolve-cli-connection.js';

/**
 * `sentry-snapshots finalize <shard...>`: resolves flags, env and .sentryclirc, finalizes through
 * the SDK (which waits and judges as for upload), prints, and fails as the SDK's verdict says.
 */
export async function runFinalize(shards: string[], flags: FinalizeFlags, io: CliIo): Promise<void> {
  const connection = await resolveCliConnection(flags, io);
  const { env, quiet, logger } = connection;
  const options = decodeOptions(
    [
      'appId',
      'expectShards',
      'allImageFileNames',
      'allImageFileNamesFile',
      'concurrency',
      'uploadTimeout',
      'wait',
      'waitTimeout',
      'failOnChanges',
      'requireBase',
    ],
    flags,
  );
  const headers = resolveHeaders(flags, env);
  const json = Boolean(flags.json);
  const reporter = createCommandProgress(quiet, env, io.stderr);
  const { uploadTimeout, waitTimeout, ...rest } = options;
  let result: Awaited<ReturnType<typeof finalizeSnapshots>>;
  try {
    result = await finalizeSnapshots({
      ...rest,
      ...connection.sdk,
      ...(headers ? { headers } : {}),
      shards,
      ...(uploadTimeout === undefined ? {} : { uploadTimeoutMs: uploadTimeout }),
      ...(waitTimeout === undefined ? {} : { waitTimeoutMs: waitTimeout }),
      onProgress: (event) => reporter?.update(event),
      onUploaded: (created) => {
        reporter?.stop();
        if (!json && !quiet) io.stdout.write(`${renderUploadResult(created)}\n`);
      },
      onPoll: comparisonProgress(connection, io),
    });
  } finally {
    reporter?.stop();
  }
  if (!quiet) {
    for (const warning of result.warnings) {
      if (!logger.warned.has(warning)) io.stderr.write(`warning: ${escapeTerminalText(warning)}\n`);
    }
  }
  const { comparison } = result;
  if (comparison) warnIfUnsettled(comparison, Boolean(options.failOnChanges), connection, io);
  if (json) {
    // On failure the error's JSON (printed by the program) holds the result and the comparison.
    if (!comparison?.failure) io.stdout.write(`${stringifyJsonForTerminal(result)}\n`);
  } else if (!quiet) {
    io.stdout.write(
      comparison ? renderStatus(comparison.summary, comparison.detail) : renderUploadResult(result),
    );
  }
  if (comparison?.failure) throw comparison.failure;
}
