import { stringifyJsonForTerminal } from '../text/stringify-json-for-terminal.js';

/**
 * A value from outside (a server's answer, an archive) as one short, quoted line for a message:
 * its JSON, with every character a terminal could act on escaped, and a long value cut.
 */
export function shownValue(value: unknown, maxLength = 60): string {
  const text = stringifyJsonForTerminal(value, 0);
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
