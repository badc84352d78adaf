/** The levels `sentry-cli --log-level` takes, in increasing severity. */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'warn';

export function isLogLevel(value: string | undefined): value is LogLevel {
  return (logLevels as readonly string[]).includes(value ?? '');
}

/** `sentry-cli` also reads `warning` and upper case from SENTRY_LOG_LEVEL; unknown values fall back. */
export function parseLogLevel(value: string | undefined): LogLevel | undefined {
  const normalized = value
    ?.trim()
    .toLowerCase()
    .replace(/^warning$/, 'warn');
  return isLogLevel(normalized) ? normalized : undefined;
}

export function logLevelRank(level: LogLevel): number {
  return logLevels.indexOf(level);
}
