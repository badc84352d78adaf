import {
  createDefaultDispatcher,
  type DefaultDispatcherOptions,
  decodeOptions,
  type Env,
  resolveHttpTimeoutMs,
  type World,
} from '@sentry-snapshots/core';
import type { CliIo } from './cli-io.js';
import { type CliLogger, createCliLogger } from './cli-logger.js';
import type { ConnectionFlags } from './connection-options.js';
import { loadDotenv } from './load-dotenv.js';
import {
  httpSettingsFromConfig,
  loadSentryCliConfig,
  sentryCliConfigAsEnv,
} from './load-sentry-cli-config.js';
import { DEFAULT_LOG_LEVEL, parseLogLevel } from './log-level.js';

/** Where and as whom a command talks to Sentry, and how loudly it speaks. */
export interface CliConnection {
  /** The process env over `.env` over `.sentryclirc` and `SENTRY_PROPERTIES`. */
  env: Record<string, string | undefined>;
  quiet: boolean;
  logger: CliLogger;
  /** `.sentryclirc`'s `[http]` settings, when it has any. */
  http?: DefaultDispatcherOptions;
  /**
   * The SDK's connection and world options: the flags as given and the merged env, from which
   * the SDK fills the rest (an org auth token names its org and URL).
   */
  sdk: {
    authToken?: string;
    org?: string;
    project?: string;
    url?: string;
    headers?: Record<string, string>;
    env: Env;
    cwd: string;
    logger: CliLogger;
    signal: AbortSignal;
    /** Set when `.sentryclirc` has `[http]` settings; otherwise the SDK's proxy-aware default. */
    dispatcher?: World['dispatcher'];
    /** `--http-timeout`, when given; the SDK falls back to `SENTRY_HTTP_TIMEOUT` (or `[http] timeout`). */
    httpTimeoutMs?: number;
  };
}

/** Every command's connection, from flags, env, `.env`, `.sentryclirc` and `SENTRY_PROPERTIES`, in sentry-cli's order. */
export async function resolveCliConnection(flags: ConnectionFlags, io: CliIo): Promise<CliConnection> {
  const config = await loadSentryCliConfig(io);
  const dotenv = await loadDotenv(io.cwd, io.env);
  const fileEnv = { ...sentryCliConfigAsEnv(config), ...dotenv.values };
  const env = withFileDefaults(io.env, fileEnv);
  const http = httpSettingsFromConfig(config);
  const quiet = Boolean(flags.quiet || flags.silent);
  const level = quiet
    ? 'error'
    : (flags.logLevel ?? parseLogLevel(env.SENTRY_LOG_LEVEL) ?? DEFAULT_LOG_LEVEL);
  const logger = createCliLogger(io.stderr, level);
  if (dotenv.warning) logger.warn(dotenv.warning);
  const headers = resolveHeaders(flags, env);
  const { httpTimeout } = decodeOptions(['httpTimeout'], flags);
  // Resolved here for the dispatcher of `[http]` settings; the SDK gets only the flag, and reads
  // SENTRY_HTTP_TIMEOUT itself (so doctor can tell a flag from a variable).
  const httpTimeoutMs = resolveHttpTimeoutMs(httpTimeout, env);
  return {
    env,
    quiet,
    logger,
    ...(http ? { http } : {}),
    sdk: {
      ...defined({ authToken: flags.authToken, org: flags.org, project: flags.project, url: flags.url }),
      ...(headers ? { headers } : {}),
      env,
      cwd: io.cwd,
      logger,
      signal: io.signal,
      ...(http
        ? { dispatcher: createDefaultDispatcher(env, { connectTimeoutMs: httpTimeoutMs, ...http }) }
        : {}),
      ...(httpTimeout === undefined ? {} : { httpTimeoutMs: httpTimeout }),
    },
  };
}

/** `--header` (repeatable), else `CUSTOM_HEADER`, as sentry-cli reads them. */
export function resolveHeaders(
  flags: Pick<ConnectionFlags, 'headers'>,
  env: Env,
): Record<string, string> | undefined {
  const given = flags.headers?.length ? flags.headers : env.CUSTOM_HEADER;
  return decodeOptions(['headers'], { headers: given }).headers;
}

/** Values from the environment win; `.env` and the config files only fill what is unset or empty. */
function withFileDefaults(env: Env, defaults: Record<string, string>): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = { ...defaults };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (value !== '' || !(name in defaults))) merged[name] = value;
  }
  return merged;
}

function defined<T extends Record<string, string | undefined>>(values: T): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<
    Record<keyof T, string>
  >;
}
