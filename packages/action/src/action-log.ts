import * as actions from '@actions/core';
import { escapeTerminalText } from '@sentry-snapshots/core';

/**
 * The runner reads a log line as a workflow command when it starts with `::` after leading spaces
 * (`::error::`, `::add-mask::`, `::stop-commands::`…), and reads the older `##[` form too.
 */
const commandStart = /^(\s*)(::|##\[)/;

/**
 * One value from outside (a server's detail, an image name) made one inert log line: controls and
 * line breaks escaped by core's rule, and a leading command marker written with its first
 * character escaped, so the runner shows it and never obeys it.
 */
export function toLogLine(text: string): string {
  return escapeTerminalText(text).replace(
    commandStart,
    (_, space: string, marker: string) => `${space}\\x${marker.charCodeAt(0).toString(16)}${marker.slice(1)}`,
  );
}

/** Lines meant as separate lines (a message, then its hint): each made inert, then joined. */
const toMessage = (lines: string | readonly string[]) =>
  (typeof lines === 'string' ? [lines] : lines).map(toLogLine).join('\n');

const toProperties = (properties: actions.AnnotationProperties) =>
  Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [
      name,
      typeof value === 'string' ? toLogLine(value) : value,
    ]),
  ) as actions.AnnotationProperties;

/**
 * The only way the action writes to its log. `@actions/core` escapes line breaks in annotations
 * (`%0A`), but `info` writes its text raw, and neither escapes terminal controls: every call goes
 * through {@link toLogLine}.
 */
export const actionLog = {
  debug: (lines: string | readonly string[]) => actions.debug(toMessage(lines)),
  /** One log line per entry. */
  info: (lines: string | readonly string[]) => {
    for (const line of typeof lines === 'string' ? [lines] : lines) actions.info(toLogLine(line));
  },
  warning: (lines: string | readonly string[], properties: actions.AnnotationProperties = {}) =>
    actions.warning(toMessage(lines), toProperties(properties)),
  error: (lines: string | readonly string[], properties: actions.AnnotationProperties = {}) =>
    actions.error(toMessage(lines), toProperties(properties)),
  notice: (lines: string | readonly string[], properties: actions.AnnotationProperties = {}) =>
    actions.notice(toMessage(lines), toProperties(properties)),
  setFailed: (lines: string | readonly string[]) => actions.setFailed(toMessage(lines)),
};
