import { escapeTerminalText, type Logger } from '@sentry-snapshots/core';
import type { Output } from './cli-io.js';
import { type LogLevel, logLevelRank } from './log-level.js';

export interface CliLogger extends Logger {
  /** Messages already shown as warnings, so the closing summary does not repeat them. */
  readonly warned: ReadonlySet<string>;
}

const labels = { debug: 'debug', info: 'info', warn: 'warning', error: 'error' } as const;

/** Writes core's log records to stderr as `warning: …` lines, from `level` up. */
export function createCliLogger(stderr: Output, level: LogLevel): CliLogger {
  const warned = new Set<string>();
  const write = (kind: keyof typeof labels, message: string, fields?: Record<string, unknown>) => {
    if (logLevelRank(kind) < logLevelRank(level)) return;
    if (kind === 'warn') warned.add(message);
    const extra = fields && Object.keys(fields).length > 0 ? ` ${JSON.stringify(fields)}` : '';
    stderr.write(`${labels[kind]}: ${escapeTerminalText(message + extra)}\n`);
  };
  return {
    warned,
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
  };
}
