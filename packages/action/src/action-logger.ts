import * as actions from '@actions/core';
import type { Logger } from '@sentry-snapshots/core';

/** Core's logger on the runner's log: warnings and errors also become annotations. */
export const actionLogger: Logger = {
  debug: (message, fields) => actions.debug(withFields(message, fields)),
  info: (message, fields) => actions.info(withFields(message, fields)),
  warn: (message, fields) => actions.warning(withFields(message, fields)),
  error: (message, fields) => actions.error(withFields(message, fields)),
};

function withFields(message: string, fields: Record<string, unknown> | undefined): string {
  return fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;
}
