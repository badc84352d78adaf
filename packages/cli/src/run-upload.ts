import { resolve } from 'node:path';
import { readImageNames, SnapshotsError, type UploadPhase } from '@sentry-snapshots/core';
import { uploadSnapshots } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import { createCliLogger } from './cli-logger.js';
import { formatBytes } from './format-bytes.js';
import { loadDotenv } from './load-dotenv.js';
import { loadSentryCliConfig, sentryCliConfigAsEnv } from './load-sentry-cli-config.js';
import { DEFAULT_LOG_LEVEL, parseLogLevel } from './log-level.js';
import { createProgressReporter, type ProgressReporter, phaseLabels } from './progress-reporter.js';
import { renderUploadResult } from './render-upload-result.js';
import { resolveUploadOptions } from './resolve-upload-options.js';
import type { UploadFlags } from './upload-flags.js';

/** `sentry-snapshots upload <path>`: resolves flags, env and .sentryclirc, uploads, prints. */
export async function runUpload(path: string, flags: UploadFlags, io: CliIo): Promise<void> {
  const fileEnv = sentryCliConfigAsEnv(await loadSentryCliConfig(io));
  const env = withDefaults(io.env, { ...fileEnv, ...(await loadDotenv(io.cwd, io.env)) });
  const quiet = Boolean(flags.quiet || flags.silent);
  const level = quiet
    ? 'error'
    : (flags.logLevel ?? parseLogLevel(env.SENTRY_LOG_LEVEL) ?? DEFAULT_LOG_LEVEL);
  const logger = createCliLogger(io.stderr, level);
  const options = resolveUploadOptions(flags, env);
  const allImageFileNames = await readImageNames({
    ...(flags.allImageFileNames === undefined ? {} : { names: flags.allImageFileNames }),
    ...(flags.allImageFileNamesFile === undefined
      ? {}
      : { file: resolve(io.cwd, flags.allImageFileNamesFile) }),
  });
  const reporter = quiet
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
      ...(reporter ? { onProgress: (event) => reporter.update(event) } : {}),
      logger,
      signal: io.signal,
      env,
      cwd: io.cwd,
    });
  } catch (error) {
    reporter?.stop();
    if (io.signal.aborted) throw interrupted(error, reporter);
    throw error;
  }
  reporter?.stop();
  if (!quiet) {
    for (const warning of result.warnings) {
      if (!logger.warned.has(warning)) io.stderr.write(`warning: ${warning}\n`);
    }
  }
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else if (result.dryRun) {
    // The manifest alone on stdout, so it can be piped; the summary goes beside it on stderr.
    io.stdout.write(`${JSON.stringify(result.manifest, null, 2)}\n`);
    if (!quiet) io.stderr.write(renderUploadResult(result));
  } else if (!quiet) {
    io.stdout.write(renderUploadResult(result));
  }
}

/** Values from the environment win; `.env` and the config files only fill what is unset or empty. */
function withDefaults(
  env: CliIo['env'],
  defaults: Record<string, string>,
): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...defaults };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (value !== '' || !(name in defaults))) merged[name] = value;
  }
  return merged;
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
