import { createWorld, type World } from '@sentry-snapshots/core';
import { resolveConnection } from '@sentry-snapshots/node';
import type { CliIo } from './cli-io.js';
import { type CliLogger, createCliLogger } from './cli-logger.js';
import { loadDotenv } from './load-dotenv.js';
import { loadSentryCliConfig, sentryCliConfigAsEnv } from './load-sentry-cli-config.js';
import { DEFAULT_LOG_LEVEL, type LogLevel, parseLogLevel } from './log-level.js';
import { parseHeaders } from './parse-header.js';

/** The global and connection flags `status` and `download` share with `upload`. */
export interface ConnectionFlags {
  org?: string;
  project?: string;
  authToken?: string;
  url?: string;
  header?: string[];
  logLevel?: LogLevel;
  quiet?: boolean;
  silent?: boolean;
}

/** Where and as whom to read; reading needs no project, so it is only passed on when given. */
export interface ReadConnection {
  url: string;
  authToken: string;
  org: string;
  project: string | undefined;
  headers: Record<string, string> | undefined;
  world: World;
  logger: CliLogger;
  quiet: boolean;
}

/**
 * Resolves the connection from flags, env, `.env` and `.sentryclirc` in upload's order, with
 * the SDK's rules (org auth tokens name their org and URL).
 */
export async function resolveReadConnection(flags: ConnectionFlags, io: CliIo): Promise<ReadConnection> {
  const fileEnv = {
    ...sentryCliConfigAsEnv(await loadSentryCliConfig(io)),
    ...(await loadDotenv(io.cwd, io.env)),
  };
  const env: Record<string, string | undefined> = { ...fileEnv };
  for (const [name, value] of Object.entries(io.env)) {
    if (value !== undefined && (value !== '' || !(name in fileEnv))) env[name] = value;
  }
  const quiet = Boolean(flags.quiet || flags.silent);
  const level = quiet
    ? 'error'
    : (flags.logLevel ?? parseLogLevel(env.SENTRY_LOG_LEVEL) ?? DEFAULT_LOG_LEVEL);
  const logger = createCliLogger(io.stderr, level);
  const project = [flags.project, env.SENTRY_PROJECT].find(
    (value) => value !== undefined && value.trim() !== '',
  );
  // The SDK's resolver insists on a project, which reading does not need: a stand-in satisfies it.
  const connection = resolveConnection(
    { authToken: flags.authToken, org: flags.org, url: flags.url, project: project ?? '-' },
    env,
  );
  const headerValues = flags.header?.length ? flags.header : env.CUSTOM_HEADER ? [env.CUSTOM_HEADER] : [];
  return {
    url: connection.url,
    authToken: connection.authToken ?? '',
    org: connection.org,
    project: project?.trim(),
    headers: headerValues.length > 0 ? parseHeaders(headerValues) : undefined,
    world: createWorld({ env, cwd: io.cwd, logger, signal: io.signal }),
    logger,
    quiet,
  };
}
