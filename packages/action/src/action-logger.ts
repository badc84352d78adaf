import type { Logger } from '@sentry-snapshots/core';
import { actionLog } from './action-log.js';

/** Core's logger on the runner's log: warnings and errors also become annotations. */
export const actionLogger: Logger = {
  debug: (message, fields) => actionLog.debug(withFields(message, fields)),
  info: (message, fields) => actionLog.info(withFields(message, fields)),
  warn: (message, fields) => actionLog.warning(withFields(message, fields)),
  error: (message, fields) => actionLog.error(withFields(message, fields)),
};

function withFields(message: string, fields: Record<string, unknown> | undefined): string {
  return fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;
}
